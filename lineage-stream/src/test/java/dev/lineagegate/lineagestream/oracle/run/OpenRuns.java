package dev.lineagegate.lineagestream.oracle.run;

import dev.lineagegate.avro.graph.RunFacts;
import dev.lineagegate.avro.graph.RunState;
import dev.lineagegate.lineagestream.rules.RunTimes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Runs started and not yet finished, keyed by the zero-padded start of their stall clock then
 * runId, so that the stall check reads only the runs old enough to be stalled (a range scan)
 * instead of every run.
 */
final class OpenRuns {

  private final KeyValueStore<String, String> store;

  OpenRuns(final KeyValueStore<String, String> store) {
    this.store = store;
  }

  /**
   * Starts the stall clock of {@code run} in {@code state} when it is open (a START, no end) for
   * the first time, and returns what to do in this store once the state is stored (null: nothing).
   * The clock starts at the START's time, or at {@code now} (wall clock) if the START is read later
   * than that: a run whose START and COMPLETE wait behind a backlog is not stalled for the
   * backlog's age. It is kept in {@code state.openSince}, so that the end finds the same key. A
   * streaming run's clock starts again at every event: it is stalled when a heartbeat is missed.
   */
  Runnable track(final RunFacts run, final RunState state, final Instant now) {
    final boolean streaming = RunTimes.streaming(run);
    if (run.getStartedAt() == null && !streaming) {
      return null;
    }
    final Instant earlier = state.getOpenSince();
    if (run.getEndedAt() == null) {
      if (earlier != null && !streaming) {
        return null;
      }
      final Instant clock = streaming ? run.getMerged().getEventTime() : run.getStartedAt();
      final Instant since = clock.isAfter(now) ? clock : now;
      state.setOpenSince(since);
      state.setStalled(false);
      return () -> {
        if (earlier != null) {
          store.delete(key(earlier, run.getRunId()));
        }
        store.put(key(since, run.getRunId()), run.getRunId());
      };
    }
    // Runs opened before openSince existed were keyed by their START time.
    final Instant since = earlier != null ? earlier : run.getStartedAt();
    return since == null ? null : () -> store.delete(key(since, run.getRunId()));
  }

  /** The runs started before {@code cutoff}, removed from the open set (each is reported once). */
  List<String> stalledBefore(final Instant cutoff) {
    final List<KeyValue<String, String>> due = new ArrayList<>();
    try (KeyValueIterator<String, String> it =
        store.range(key(Instant.EPOCH, ""), key(cutoff, ""))) {
      it.forEachRemaining(due::add);
    }
    due.forEach(entry -> store.delete(entry.key));
    return due.stream().map(entry -> entry.value).toList();
  }

  static String key(final Instant startedAt, final String runId) {
    return String.format("%015d|%s", Math.max(0, startedAt.toEpochMilli()), runId);
  }
}
