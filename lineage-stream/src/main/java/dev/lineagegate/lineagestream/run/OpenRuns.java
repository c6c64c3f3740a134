package dev.lineagegate.lineagestream.run;

import dev.lineagegate.avro.graph.RunFacts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Runs started and not yet finished, keyed by zero-padded START time then runId, so that the stall
 * check reads only the runs old enough to be stalled (a range scan) instead of every run.
 */
final class OpenRuns {

  private final KeyValueStore<String, String> store;

  OpenRuns(final KeyValueStore<String, String> store) {
    this.store = store;
  }

  /** Records {@code run} as open while it has a START and no end; forgets it once it ends. */
  void track(final RunFacts run) {
    if (run.getStartedAt() == null) {
      return;
    }
    final String key = key(run.getStartedAt(), run.getRunId());
    if (run.getEndedAt() == null) {
      store.put(key, run.getRunId());
    } else {
      store.delete(key);
    }
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
