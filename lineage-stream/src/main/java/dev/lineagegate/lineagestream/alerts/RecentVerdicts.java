package dev.lineagegate.lineagestream.alerts;

import dev.lineagegate.avro.Verdict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The newest verdicts seen on {@code lineage.verdicts.v1}, one per artifact, at most {@code
 * capacity} artifacts: what the web view's search suggests and its start page lists. Not a source
 * of truth (the verdict itself always comes from the stores). Thread-safe.
 */
public final class RecentVerdicts {

  /** An artifact's latest verdict, as far as the search needs it. */
  public record Seen(String artifact, String name, String status, String evaluatedAt) {}

  private final int capacity;
  // Insertion order = when last seen: the eldest goes first.
  private final LinkedHashMap<String, Seen> byArtifact = new LinkedHashMap<>();

  public RecentVerdicts(final int capacity) {
    this.capacity = capacity;
  }

  public synchronized void add(final Verdict verdict) {
    byArtifact.remove(verdict.getArtifact());
    byArtifact.put(
        verdict.getArtifact(),
        new Seen(
            verdict.getArtifact(),
            verdict.getName(),
            verdict.getStatus().name(),
            verdict.getEvaluatedAt().toString()));
    while (byArtifact.size() > capacity) {
      byArtifact.remove(byArtifact.keySet().iterator().next());
    }
  }

  /** The newest {@code limit} verdicts, newest first. */
  public synchronized List<Seen> newest(final int limit) {
    final List<Seen> all = new ArrayList<>(byArtifact.values());
    final List<Seen> newest = new ArrayList<>();
    for (int i = all.size() - 1; i >= 0 && newest.size() < limit; i--) {
      newest.add(all.get(i));
    }
    return newest;
  }

  /** Names (sorted) that contain {@code text}, case-insensitively; all names for an empty text. */
  public synchronized List<String> names(final String text, final int limit) {
    final String needle = text == null ? "" : text.toLowerCase(Locale.ROOT);
    final TreeSet<String> names = new TreeSet<>();
    for (final Map.Entry<String, Seen> entry : byArtifact.entrySet()) {
      final String name = entry.getValue().name();
      if (name != null && name.toLowerCase(Locale.ROOT).contains(needle)) {
        names.add(name);
      }
    }
    return names.stream().limit(limit).toList();
  }

  /** Artifacts whose digest starts with {@code prefix} (at least 8 characters), newest first. */
  public synchronized List<Seen> byDigestPrefix(final String prefix, final int limit) {
    if (prefix == null || prefix.length() < 8) {
      return List.of();
    }
    return newest(capacity).stream()
        .filter(s -> s.artifact().startsWith(prefix))
        .limit(limit)
        .toList();
  }
}
