package dev.lineagegate.lineagestream.run;

import dev.lineagegate.avro.graph.RunFacts;
import dev.lineagegate.avro.graph.RunState;
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
   * backlog's age. It is kept in {@code state.openSince}, so that the end finds the same key.
   */
  Runnable track(final RunFacts run, final RunState state, final Instant now) {
    if (run.getStartedAt() == null) {
      return null;
    }
    if (run.getEndedAt() == null) {
      if (state.getOpenSince() != null) {
        return null;
      }
      final Instant since = run.getStartedAt().isAfter(now) ? run.getStartedAt() : now;
      state.setOpenSince(since);
      return () -> store.put(key(since, run.getRunId()), run.getRunId());
    }
    // Runs opened before openSince existed were keyed by their START time.
    final Instant since = state.getOpenSince() != null ? state.getOpenSince() : run.getStartedAt();
    return () -> store.delete(key(since, run.getRunId()));
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
