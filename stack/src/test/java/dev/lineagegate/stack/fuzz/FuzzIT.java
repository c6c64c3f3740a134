package dev.lineagegate.stack.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lineagegate.stack.Stack;
import dev.lineagegate.stack.StackOptions;
import dev.lineagegate.stack.fuzz.FuzzCase.Route;
import dev.lineagegate.stack.fuzz.FuzzCase.Service;
import dev.lineagegate.stack.fuzz.GateCases.Tokens;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CI-sized run of the fuzzer (docs/RELIABILITY.md "The fuzzer") on the embedded stack: a few
 * thousand seeded cases over both ingest paths, the bridge, the queries and the gate. Sized by
 * {@code -Dfuzz.cases} (default 3,000) and seeded by {@code -Dfuzz.seed}; the summary is printed
 * and kept in {@code target/fuzz-report.txt}.
 */
class FuzzIT {

  /**
   * The stack's heap is capped as {@code up} caps it (failsafe's argLine); the rest is off-heap.
   */
  static final long MAX_RSS_MIB = 1_536;

  /** What the run may add to the resident set, from its start to its peak. */
  static final long MAX_RSS_GROWTH_MIB = 512;

  private static final String WAIVER = "fuzz-waiver-token";
  private static final String READER = "fuzz-reader-token";

  @TempDir Path data;

  @Test
  void shouldRefuseTheMalformedWithProblemsAndNoVerdictsAndStayBoundedWhenFuzzed()
      throws Exception {
    // Given the stack up, with one gate token that may grant waivers and one that may not
    System.setProperty("gate.tokens", "fuzz:waiver:" + WAIVER + ",viewer:reader:" + READER);
    final FuzzReport report;
    try (Stack stack = Stack.up(options(), line -> {})) {
      // When the fuzzer runs its cases, then its checks over the run
      report = new Fuzzer(settings(stack)).run();
    } finally {
      System.clearProperty("gate.tokens");
    }
    System.out.print(report.summary());
    Files.writeString(Path.of("target/fuzz-report.txt"), report.summary(), StandardCharsets.UTF_8);

    // Then no case broke a rule: no 5xx, no hang, problems naming fields, nothing leaked, no
    // verdict for a refused event, the bridge dead-lettering what HTTP refused
    assertThat(report.failures()).as(report.summary()).isEmpty();
    assertThat(report.byStatus().keySet()).as("statuses").allMatch(s -> s > 0 && s < 500);
    // and the run reached every kind of answer, so that the checks above are not vacuous
    assertThat(report.count(Route.EVENTS, 202)).isPositive();
    assertThat(report.count(Route.EVENTS, 400)).isPositive();
    assertThat(report.count(Route.EVENTS, 413)).isPositive();
    assertThat(report.count(Route.EVENTS, 415)).isPositive();
    assertThat(report.count(Route.OPENLINEAGE, 201)).isPositive();
    assertThat(report.count(Route.OPENLINEAGE, 400)).isPositive();
    assertThat(report.count(Route.PROMOTIONS, 201)).isPositive();
    assertThat(report.count(Route.WAIVERS, 201)).isPositive();
    assertThat(report.count(Route.WAIVERS, 401)).isPositive();
    assertThat(report.count(Route.WAIVERS, 403)).isPositive();
    assertThat(report.checks().canariesWithVerdict()).isEqualTo(report.checks().canaries());
    assertThat(report.checks().refusedChecked()).isGreaterThan(100);
    assertThat(report.checks().bridge().deadExpected()).isPositive();
    // and the stack's memory stayed bounded
    assertThat(report.rssPeak()).isPositive().isLessThan(MAX_RSS_MIB * FuzzReport.MIB);
  }

  private FuzzSettings settings(final Stack stack) {
    return new FuzzSettings(
        Long.getLong("fuzz.seed", 20_261_204L),
        1,
        Integer.getInteger("fuzz.cases", 3_000),
        false,
        Integer.getInteger("fuzz.threads", 4),
        Map.of(
            Service.INGEST, stack.ingestUrl(),
            Service.LINEAGE, stack.lineageUrl(),
            Service.GATE, stack.gateUrl()),
        stack.bootstrapServers(),
        new Tokens(WAIVER, READER),
        "self",
        OpenLineageCorpus.locate(null),
        System.out::println);
  }

  private StackOptions options() throws IOException {
    final int[] ports = freePorts(6);
    return new StackOptions(
        data, Optional.empty(), ports[0], ports[1], ports[2], ports[3], ports[4], ports[5]);
  }

  private static int[] freePorts(final int count) throws IOException {
    final List<ServerSocket> sockets = new ArrayList<>();
    try {
      for (int i = 0; i < count; i++) {
        sockets.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
      }
      return sockets.stream().mapToInt(ServerSocket::getLocalPort).toArray();
    } finally {
      for (final ServerSocket socket : sockets) {
        socket.close();
      }
    }
  }
}
