package dev.lineagegate.stack.fuzz;

import dev.lineagegate.stack.fuzz.FuzzCase.Route;
import dev.lineagegate.stack.fuzz.Sender.Answer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.IntStream;

/**
 * What the cases got, counted as they are answered by several threads: answers by route and status,
 * each case's latency, the failures (the first {@link #KEPT} in full), and the output digests of
 * the events refused and accepted, for the verdict check afterwards.
 */
final class Tally {

  static final int KEPT = 200;

  /** A case that broke a rule: enough to replay it ({@code --seed S --case N}). */
  record Failure(long number, String route, String kind, String message) {

    /** A failure of a case, naming its request line (cut) and the rule it broke. */
    static Failure of(final FuzzCase fuzzCase, final String message) {
      final String target = fuzzCase.request().target();
      return new Failure(
          fuzzCase.number(),
          fuzzCase.route().label,
          fuzzCase.kind(),
          fuzzCase.request().method()
              + " "
              + (target.length() > 160 ? target.substring(0, 160) + "…" : target)
              + ": "
              + message);
    }
  }

  private final long first;
  private final long[] nanos;
  private final Route[] routes;
  private final Map<Route, Map<Integer, LongAdder>> statuses = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<Failure> failures = new ConcurrentLinkedQueue<>();
  private final AtomicLong failureCount = new AtomicLong();
  private final Set<String> refused = ConcurrentHashMap.newKeySet();
  private final Set<String> accepted = ConcurrentHashMap.newKeySet();
  private final LongAdder answered = new LongAdder();

  Tally(final long first, final int count) {
    this.first = first;
    this.nanos = new long[count];
    this.routes = new Route[count];
  }

  void record(final FuzzCase fuzzCase, final Answer answer, final List<String> violations) {
    final int at = (int) (fuzzCase.number() - first);
    nanos[at] = answer.nanos();
    routes[at] = fuzzCase.route();
    statuses
        .computeIfAbsent(fuzzCase.route(), r -> new ConcurrentHashMap<>())
        .computeIfAbsent(answer.failure() == null ? answer.status() : 0, s -> new LongAdder())
        .increment();
    final boolean event = fuzzCase.route() == Route.EVENTS || fuzzCase.route() == Route.OPENLINEAGE;
    if (event && answer.status() >= 400 && answer.status() < 500) {
      refused.addAll(fuzzCase.digests());
    } else if (event) {
      // Accepted, or not known to be refused (no answer, a 5xx): never counted as refused.
      accepted.addAll(fuzzCase.digests());
    }
    for (final String violation : violations) {
      fail(Failure.of(fuzzCase, violation));
    }
    answered.increment();
  }

  void fail(final Failure failure) {
    if (failureCount.incrementAndGet() <= KEPT) {
      failures.add(failure);
    }
  }

  long answered() {
    return answered.sum();
  }

  long failureCount() {
    return failureCount.get();
  }

  List<Failure> failures() {
    return List.copyOf(failures);
  }

  /** Digests of refused events that no accepted event carried: none may get a verdict. */
  List<String> refusedOnly() {
    final List<String> only = new ArrayList<>();
    for (final String digest : refused) {
      if (!accepted.contains(digest)) {
        only.add(digest);
      }
    }
    only.sort(null);
    return only;
  }

  /** Answers by route, then by status (0: no answer), in a stable order. */
  Map<Route, Map<Integer, Long>> statuses() {
    final Map<Route, Map<Integer, Long>> copy = new EnumMap<>(Route.class);
    statuses.forEach(
        (route, byStatus) -> {
          final Map<Integer, Long> sorted = new TreeMap<>();
          byStatus.forEach((status, count) -> sorted.put(status, count.sum()));
          copy.put(route, sorted);
        });
    return copy;
  }

  /** p50, p99 and max latency in ms of the answered cases of {@code route} (null: all). */
  double[] latencies(final Route route) {
    final long[] chosen =
        IntStream.range(0, nanos.length)
            .filter(i -> routes[i] != null && (route == null || routes[i] == route))
            .mapToLong(i -> nanos[i])
            .sorted()
            .toArray();
    if (chosen.length == 0) {
      return new double[] {0, 0, 0};
    }
    return new double[] {
      chosen[(int) Math.min(chosen.length - 1, Math.floor(chosen.length * 0.50))] / 1e6,
      chosen[(int) Math.min(chosen.length - 1, Math.floor(chosen.length * 0.99))] / 1e6,
      Arrays.stream(chosen).max().orElse(0) / 1e6
    };
  }
}
