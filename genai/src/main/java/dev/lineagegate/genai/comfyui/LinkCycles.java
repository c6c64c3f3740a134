package dev.lineagegate.genai.comfyui;

import dev.lineagegate.genai.ImportRefusedException;
import dev.lineagegate.genai.ImportRefusedException.Kind;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Refuses a prompt graph whose links form a cycle, naming the loop: ComfyUI would refuse to run it,
 * and no execution order (nor lineage) can be read from it.
 */
final class LinkCycles {

  private LinkCycles() {}

  /** Iterative depth-first search: a chain of 10,000 links must not overflow the stack. */
  static void refuse(
      final Set<String> nodes, final Function<String, List<PromptGraph.Link>> links) {
    final Map<String, Integer> state = new HashMap<>(); // 1 on the path, 2 done
    for (final String start : nodes) {
      if (state.containsKey(start)) {
        continue;
      }
      final Deque<String> path = new ArrayDeque<>();
      final Deque<Iterator<PromptGraph.Link>> next = new ArrayDeque<>();
      path.push(start);
      next.push(links.apply(start).iterator());
      state.put(start, 1);
      while (!path.isEmpty()) {
        if (!next.peek().hasNext()) {
          state.put(path.pop(), 2);
          next.pop();
          continue;
        }
        final String to = next.peek().next().to();
        final Integer seen = state.get(to);
        if (seen == null) {
          state.put(to, 1);
          path.push(to);
          next.push(links.apply(to).iterator());
        } else if (seen == 1) {
          throw new ImportRefusedException(
              Kind.METADATA, "the ComfyUI prompt's links form a cycle: " + cycle(path, to));
        }
      }
    }
  }

  private static String cycle(final Deque<String> path, final String back) {
    final List<String> ids = new ArrayList<>(path);
    Collections.reverse(ids);
    final List<String> loop = ids.subList(ids.indexOf(back), ids.size());
    return "node " + String.join(" → ", loop) + " → " + back;
  }
}
