package dev.lineagegate.lineagestream.oracle.graph;

import dev.lineagegate.avro.graph.NameLink;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The links of the inputs named without a digest (store {@code name-links}), each kept twice: by
 * name then the run's start (so that a new version re-examines only the runs it can concern, a
 * range scan), and by name then runId (so that a run re-sent with another start finds its link).
 * Keys begin with the name's length, so that a name that is a prefix of another never matches it.
 */
final class NameLinks {

  private static final StringSerializer KEYS = new StringSerializer();

  /** Milliseconds from 0000-01-01T00:00:00Z to the epoch. */
  private static final long YEAR_ZERO = 62_167_219_200_000L;

  private final KeyValueStore<String, NameLink> store;

  NameLinks(final KeyValueStore<String, NameLink> store) {
    this.store = store;
  }

  Optional<NameLink> of(final String name, final String runId) {
    return Optional.ofNullable(store.get(byRun(name, runId)));
  }

  /** Replaces the link of its run (its earlier entry by start, if the start changed). */
  void put(final NameLink link) {
    of(link.getName(), link.getRunId())
        .filter(old -> !Objects.equals(old.getAt(), link.getAt()))
        .ifPresent(old -> store.delete(byTime(old)));
    store.put(byTime(link), link);
    store.put(byRun(link.getName(), link.getRunId()), link);
  }

  /** The links of runs of {@code name} that started at or after {@code from} (null: all). */
  List<NameLink> startedFrom(final String name, final Instant from) {
    final List<NameLink> links = new ArrayList<>();
    final String first = timePrefix(name) + padded(from == null ? Long.MIN_VALUE : millis(from));
    try (KeyValueIterator<String, NameLink> it = store.range(first, timePrefix(name) + "~")) {
      it.forEachRemaining(entry -> links.add(entry.value));
    }
    return links;
  }

  /** Whether any run of {@code name} is linked by name (a cheap check before a range). */
  boolean any(final String name) {
    try (KeyValueIterator<String, NameLink> it = store.prefixScan(timePrefix(name), KEYS)) {
      return it.hasNext();
    }
  }

  private static String byTime(final NameLink link) {
    return timePrefix(link.getName()) + padded(millis(link.getAt())) + "|" + link.getRunId();
  }

  private static String byRun(final String name, final String runId) {
    return prefix(name) + "R|" + runId;
  }

  private static String timePrefix(final String name) {
    return prefix(name) + "T|";
  }

  private static String prefix(final String name) {
    return name.length() + ":" + name + "|";
  }

  /** A run with no time sorts last: every version is "before" it. */
  private static long millis(final Instant at) {
    return at == null ? Long.MAX_VALUE : at.toEpochMilli();
  }

  /**
   * Sortable as text: event times are within the years 0000–9999 (EventLimits), so offset by the
   * start of year 0 they are 0 to 15 digits; "from the beginning" and "no time" sort first and
   * last.
   */
  private static String padded(final long millis) {
    if (millis == Long.MIN_VALUE) {
      return "0".repeat(18);
    }
    if (millis == Long.MAX_VALUE) {
      return "9".repeat(18);
    }
    return String.format("%018d", millis + YEAR_ZERO);
  }
}
