package dev.lineagegate.stack.fuzz;

import dev.lineagegate.stack.fuzz.FuzzCase.Route;
import dev.lineagegate.stack.fuzz.Tally.Failure;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a run found: answers by route and status, latencies, RSS of the JVM under test, the checks
 * over the run, and every failure with what it takes to replay it.
 */
record FuzzReport(
    FuzzSettings settings,
    Duration took,
    Tally tally,
    Checks checks,
    long rssBefore,
    long rssPeak,
    long rssAfter) {

  /** The checks over the run; {@code bridge} is null when the bridge was left out. */
  record Checks(
      int canaries, int canariesWithVerdict, int refusedChecked, BridgeFuzz.Result bridge) {
    static final Checks NONE = new Checks(0, 0, 0, null);
  }

  static final long MIB = 1024 * 1024;

  List<Failure> failures() {
    return tally.failures();
  }

  long failureCount() {
    return tally.failureCount();
  }

  /** Answers by status over all routes. */
  Map<Integer, Long> byStatus() {
    final Map<Integer, Long> total = new TreeMap<>();
    tally.statuses().values().forEach(m -> m.forEach((s, n) -> total.merge(s, n, Long::sum)));
    return total;
  }

  String summary() {
    final StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            "fuzz seed=%d: %d cases in %d s, %d failures%n",
            settings.seed(), tally.answered(), took.toSeconds(), failureCount()));
    out.append("answers by status: ").append(byStatus()).append(" (0 = no answer)\n");
    final double[] all = tally.latencies(null);
    out.append(
        String.format("latency p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", all[0], all[1], all[2]));
    tally
        .statuses()
        .forEach(
            (route, statuses) -> {
              final double[] ms = tally.latencies(route);
              out.append(
                  String.format(
                      "  %-36s %s  p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                      route.label, statuses, ms[0], ms[1], ms[2]));
            });
    if (rssBefore >= 0) {
      out.append(
          String.format(
              "RSS of the stack's JVM: %d MiB before, %d MiB peak, %d MiB after%n",
              rssBefore / MIB, rssPeak / MIB, rssAfter / MIB));
    }
    if (!settings.replay()) {
      out.append(
          String.format(
              "verdicts: %d/%d canaries got theirs; %d outputs of refused events checked%n",
              checks.canariesWithVerdict(), checks.canaries(), checks.refusedChecked()));
    }
    if (checks.bridge() != null) {
      out.append(
          String.format(
              "bridge: %d records sent, %d refused by HTTP, %d dead-lettered%n",
              checks.bridge().sent(), checks.bridge().deadExpected(), checks.bridge().deadFound()));
    }
    for (final Failure failure : failures()) {
      out.append(
          String.format(
              "FAILED case %d (%s, %s): %s%n  replay: --seed %d --case %d%n",
              failure.number(),
              failure.route(),
              failure.kind(),
              failure.message(),
              settings.seed(),
              failure.number()));
    }
    if (failureCount() > failures().size()) {
      out.append("… and ").append(failureCount() - failures().size()).append(" more failures\n");
    }
    return out.toString();
  }

  /** The count of answers to {@code route} with {@code status}. */
  long count(final Route route, final int status) {
    return tally.statuses().getOrDefault(route, Map.of()).getOrDefault(status, 0L);
  }
}
