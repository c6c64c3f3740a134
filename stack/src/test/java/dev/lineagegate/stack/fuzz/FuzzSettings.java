package dev.lineagegate.stack.fuzz;

import dev.lineagegate.stack.fuzz.FuzzCase.Service;
import dev.lineagegate.stack.fuzz.GateCases.Tokens;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One run of the fuzzer.
 *
 * @param seed the seed every case is derived from
 * @param first the number of the first case (cases are numbered from 1)
 * @param cases how many cases
 * @param replay whether chosen cases are replayed (no known artifact, canaries or bridge check)
 * @param threads requests in flight at once
 * @param bases the three services' base URLs
 * @param bootstrap Kafka, for the bridge; null leaves the bridge out
 * @param tokens the gate's waiver and reader tokens, when known
 * @param pid the process whose RSS is watched ("self" when the stack runs in this JVM), or null
 * @param openLineage the OpenLineage examples' directory, or null for the default places
 * @param progress where progress lines and the summary go
 */
record FuzzSettings(
    long seed,
    long first,
    int cases,
    boolean replay,
    int threads,
    Map<Service, URI> bases,
    String bootstrap,
    Tokens tokens,
    String pid,
    Path openLineage,
    Consumer<String> progress) {

  URI base(final Service service) {
    return bases.get(service);
  }
}
