package dev.lineagegate.lineagestream.web;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The nodes on the paths from blocking ancestors down to the root: what the graph highlights so
 * that "why is this blocked?" is answered by looking. A node is on a path when it is an ancestor of
 * the root and a descendant of (or one of) the blocking ancestors.
 */
public final class BlockingPath {

  private BlockingPath() {}

  /** Empty when no blocking ancestor is in the graph. Edges are from → to (input → output). */
  public static Set<String> between(
      final String root, final Set<String> ancestors, final List<String[]> edges) {
    final Map<String, Set<String>> up = new HashMap<>();
    final Map<String, Set<String>> down = new HashMap<>();
    for (final String[] edge : edges) {
      down.computeIfAbsent(edge[0], k -> new HashSet<>()).add(edge[1]);
      up.computeIfAbsent(edge[1], k -> new HashSet<>()).add(edge[0]);
    }
    final Set<String> aboveRoot = reach(Set.of(root), up);
    final Set<String> present = new HashSet<>(ancestors);
    present.retainAll(aboveRoot);
    if (present.isEmpty()) {
      return Set.of();
    }
    final Set<String> belowAncestors = reach(present, down);
    final Set<String> path = new HashSet<>(aboveRoot);
    path.retainAll(belowAncestors);
    return path;
  }

  /** {@code from} and every node reachable from it along {@code next}. */
  private static Set<String> reach(final Set<String> from, final Map<String, Set<String>> next) {
    final Set<String> seen = new HashSet<>(from);
    final Deque<String> todo = new ArrayDeque<>(from);
    while (!todo.isEmpty()) {
      for (final String n : next.getOrDefault(todo.poll(), Set.of())) {
        if (seen.add(n)) {
          todo.add(n);
        }
      }
    }
    return seen;
  }
}
