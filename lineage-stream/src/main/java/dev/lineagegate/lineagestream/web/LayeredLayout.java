package dev.lineagegate.lineagestream.web;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A layered drawing of a lineage graph, left (inputs) to right (outputs), computed server side so
 * that the page only places what it is given: each node's column is its longest path from a source
 * (Kahn's order; nodes on a cycle, which the walk may show, go after their known predecessors), and
 * the order within a column follows the mean position of its neighbours (a few barycentre sweeps),
 * which keeps edges short and mostly uncrossed. Linear in nodes + edges per sweep: 500 nodes (the
 * query's bound) take well under a millisecond.
 */
public final class LayeredLayout {

  public static final int COLUMN_WIDTH = 235;
  public static final int ROW_HEIGHT = 80;
  private static final int SWEEPS = 4;

  /** Where a node is drawn, its centre in graph coordinates. */
  public record Point(int x, int y) {}

  private LayeredLayout() {}

  /** Positions of {@code nodes} (in their given order) joined by {@code edges} (from → to). */
  public static Map<String, Point> place(final List<String> nodes, final List<String[]> edges) {
    final Map<String, List<String>> out = new HashMap<>();
    final Map<String, List<String>> in = new HashMap<>();
    nodes.forEach(
        n -> {
          out.put(n, new ArrayList<>());
          in.put(n, new ArrayList<>());
        });
    for (final String[] edge : edges) {
      if (out.containsKey(edge[0]) && in.containsKey(edge[1]) && !edge[0].equals(edge[1])) {
        out.get(edge[0]).add(edge[1]);
        in.get(edge[1]).add(edge[0]);
      }
    }
    final Map<String, Integer> layer = layers(nodes, in, out);
    final List<List<String>> columns = new ArrayList<>();
    for (final String node : nodes) {
      final int column = layer.get(node);
      while (columns.size() <= column) {
        columns.add(new ArrayList<>());
      }
      columns.get(column).add(node);
    }
    final Map<String, Double> rank = new HashMap<>();
    // The walk's order is the stable start of the sweeps.
    columns.forEach(c -> c.forEach(n -> rank.put(n, (double) c.indexOf(n))));
    for (int sweep = 0; sweep < SWEEPS; sweep++) {
      final boolean down = sweep % 2 == 0;
      for (int i = 0; i < columns.size(); i++) {
        final List<String> column = columns.get(down ? i : columns.size() - 1 - i);
        final Map<String, Double> centre = new HashMap<>();
        for (final String node : column) {
          final List<String> neighbours = down ? in.get(node) : out.get(node);
          centre.put(
              node,
              neighbours.isEmpty()
                  ? rank.get(node)
                  : neighbours.stream().mapToDouble(rank::get).average().orElse(0));
        }
        column.sort(Comparator.comparingDouble(centre::get));
        for (int r = 0; r < column.size(); r++) {
          rank.put(column.get(r), (double) r);
        }
      }
    }
    final Map<String, Point> points = new LinkedHashMap<>();
    for (int c = 0; c < columns.size(); c++) {
      final List<String> column = columns.get(c);
      for (int r = 0; r < column.size(); r++) {
        // Centred vertically, so that a lone root sits level with the middle of its neighbours.
        points.put(
            column.get(r),
            new Point(c * COLUMN_WIDTH, r * ROW_HEIGHT - (column.size() - 1) * ROW_HEIGHT / 2));
      }
    }
    return points;
  }

  /** Longest path from a source; nodes left on a cycle follow their placed predecessors. */
  private static Map<String, Integer> layers(
      final List<String> nodes,
      final Map<String, List<String>> in,
      final Map<String, List<String>> out) {
    final Map<String, Integer> missing = new HashMap<>();
    final Map<String, Integer> layer = new HashMap<>();
    final Deque<String> ready = new ArrayDeque<>();
    for (final String node : nodes) {
      missing.put(node, in.get(node).size());
      layer.put(node, 0);
      if (in.get(node).isEmpty()) {
        ready.add(node);
      }
    }
    int placed = 0;
    while (placed < nodes.size()) {
      if (ready.isEmpty()) {
        // A cycle: release the first node still waiting, as if its back edges were not there.
        nodes.stream()
            .filter(n -> missing.get(n) > 0)
            .findFirst()
            .ifPresent(
                n -> {
                  missing.put(n, 0);
                  ready.add(n);
                });
      }
      final String node = ready.poll();
      placed++;
      for (final String next : out.get(node)) {
        layer.put(next, Math.max(layer.get(next), layer.get(node) + 1));
        final int left = missing.get(next) - 1;
        missing.put(next, left);
        if (left == 0) {
          ready.add(next);
        }
      }
    }
    return layer;
  }
}
