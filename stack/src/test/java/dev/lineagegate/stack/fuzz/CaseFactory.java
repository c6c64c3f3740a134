package dev.lineagegate.stack.fuzz;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lineagegate.stack.fuzz.GateCases.Tokens;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * Case {@code n} of seed {@code s}, from {@code s} and {@code n} alone: each case has its own
 * {@link Random}, so cases can be sent by several threads in any order, and one can be replayed by
 * itself. The mix: native events 40 %, OpenLineage 25 %, lineage queries 12 %, the gate 20 %,
 * HTTP-level oddities 3 %.
 */
final class CaseFactory {

  private final long seed;
  private final NativeCases natives;
  private final OpenLineageCases openLineage;
  private final QueryCases queries;
  private final GateCases gate;

  CaseFactory(final long seed, final Path openLineageDir, final Tokens tokens) {
    final ObjectMapper mapper = new ObjectMapper();
    final Known known = Known.of(seed);
    this.seed = seed;
    this.natives = new NativeCases(mapper, seed);
    this.openLineage = new OpenLineageCases(mapper, seed, openLineageDir);
    this.queries = new QueryCases(seed, known);
    this.gate = new GateCases(mapper, seed, known, tokens);
  }

  FuzzCase build(final long number) {
    final Random random = random(seed, number);
    final int roll = random.nextInt(100);
    if (roll < 40) {
      return natives.build(number, random);
    }
    if (roll < 65) {
      return openLineage.build(number, random);
    }
    if (roll < 77) {
      return queries.build(number, random);
    }
    if (roll < 97) {
      return gate.build(number, random);
    }
    return HttpCases.build(number, random);
  }

  /** A valid OpenLineage event with outputs whose digests go to {@code digests}. */
  byte[] openLineageCanary(final long number, final List<String> digests) {
    return openLineage.canary(number, digests);
  }

  /** A generator of its own per case: SplitMix64 of seed and number, so neighbours differ. */
  static Random random(final long seed, final long number) {
    long z = seed * 0x9E3779B97F4A7C15L + number;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return new Random(z ^ (z >>> 31));
  }
}
