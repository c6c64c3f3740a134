package dev.lineagegate.lineagestream.alerts;

import dev.lineagegate.avro.Alert;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The newest alerts seen on {@code lineage.alerts.v1}, at most {@code capacity}, newest first (by
 * raisedAt, then position). An alert seen again under the same alertId (a replay, a duplicate)
 * replaces the earlier copy: ids are deterministic (DESIGN.md §4.7). Thread-safe.
 */
public final class RecentAlerts {

  /** One alert with where it was read and the web view's URL for it. */
  public record Entry(Alert alert, String url, int partition, long offset) {}

  private static final Comparator<Entry> NEWEST_FIRST =
      Comparator.comparing((Entry e) -> e.alert().getRaisedAt())
          .thenComparingInt(Entry::partition)
          .thenComparingLong(Entry::offset)
          .reversed();

  private final int capacity;
  private final TreeSet<Entry> ordered = new TreeSet<>(NEWEST_FIRST);
  private final Map<String, Entry> byId = new HashMap<>();

  public RecentAlerts(final int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
    }
    this.capacity = capacity;
  }

  public int capacity() {
    return capacity;
  }

  public synchronized void add(final Entry entry) {
    final Entry previous = byId.put(entry.alert().getAlertId(), entry);
    if (previous != null) {
      ordered.remove(previous);
    }
    ordered.add(entry);
    while (ordered.size() > capacity) {
      byId.remove(ordered.pollLast().alert().getAlertId());
    }
  }

  /** The alerts {@code query} selects, newest first, at most its limit. */
  public synchronized List<Entry> find(final AlertQuery query) {
    final List<Entry> found = new ArrayList<>();
    for (final Entry entry : ordered) {
      if (found.size() >= query.limit()) {
        break;
      }
      if (query.matches(entry.alert())) {
        found.add(entry);
      }
    }
    return found;
  }

  public synchronized int size() {
    return ordered.size();
  }
}
