package dev.lineagegate.stack.fuzz;

import dev.lineagegate.stack.fuzz.FuzzCase.Service;
import dev.lineagegate.stack.fuzz.GateCases.Tokens;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The fuzzer against a running stack ({@code bin/lineage-gate up}), for runs larger than the
 * build's ({@code FuzzIT}); docs/RELIABILITY.md "The fuzzer" gives the command. Exit status 0 when
 * every check held and the RSS stayed under {@code --max-rss-mib}, 1 otherwise.
 */
@Command(
    name = "fuzz",
    mixinStandardHelpOptions = true,
    description = "Seeded fuzzer of ingest, the bridge, lineage queries and the gate.")
public final class Fuzz implements Callable<Integer> {

  @Option(names = "--cases", defaultValue = "100000", description = "How many cases.")
  int cases;

  @Option(names = "--seed", description = "The seed (default: the time, printed).")
  Long seed;

  @Option(names = "--case", description = "Replay this case only (with its --seed).")
  Long replay;

  @Option(names = "--threads", defaultValue = "8", description = "Requests in flight.")
  int threads;

  @Option(names = "--ingest", defaultValue = "http://127.0.0.1:8080")
  URI ingest;

  @Option(names = "--lineage", defaultValue = "http://127.0.0.1:8081")
  URI lineage;

  @Option(names = "--gate", defaultValue = "http://127.0.0.1:8082")
  URI gate;

  @Option(
      names = "--bootstrap",
      defaultValue = "127.0.0.1:9092",
      description = "Kafka, for the bridge; \"none\" leaves the bridge out.")
  String bootstrap;

  @Option(names = "--waiver-token", description = "A gate token with the waiver role.")
  String waiverToken;

  @Option(names = "--reader-token", description = "A gate token without the waiver role.")
  String readerToken;

  @Option(names = "--pid", description = "The stack's JVM, whose RSS is watched.")
  String pid;

  @Option(
      names = "--max-rss-mib",
      defaultValue = "0",
      description = "Fail when the stack's RSS peaks above this (0: report only).")
  long maxRssMib;

  @Option(names = "--openlineage", description = "OpenLineage's examples (default: found).")
  Path openLineage;

  public static void main(final String[] args) {
    System.exit(new CommandLine(new Fuzz()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    final long chosen = seed == null ? System.currentTimeMillis() : seed;
    System.out.println("fuzz: seed " + chosen + (replay == null ? "" : ", case " + replay));
    final FuzzSettings settings =
        new FuzzSettings(
            chosen,
            replay == null ? 1 : replay,
            replay == null ? cases : 1,
            replay != null,
            replay == null ? threads : 1,
            Map.of(Service.INGEST, ingest, Service.LINEAGE, lineage, Service.GATE, gate),
            "none".equals(bootstrap) ? null : bootstrap,
            new Tokens(waiverToken, readerToken),
            pid,
            OpenLineageCorpus.locate(openLineage),
            System.out::println);
    final FuzzReport report = new Fuzzer(settings).run();
    System.out.print(report.summary());
    final boolean rssOk = maxRssMib <= 0 || report.rssPeak() <= maxRssMib * FuzzReport.MIB;
    if (!rssOk) {
      System.out.println("FAILED: RSS peaked over " + maxRssMib + " MiB");
    }
    return report.failureCount() == 0 && rssOk ? 0 : 1;
  }
}
