package dev.lineagegate.lineagestream.rules;

import dev.lineagegate.avro.Reason;
import dev.lineagegate.avro.ReasonCode;
import dev.lineagegate.avro.Verdict;
import dev.lineagegate.avro.VerdictStatus;
import dev.lineagegate.avro.graph.ArtifactNode;
import dev.lineagegate.avro.graph.Origin;
import dev.lineagegate.avro.graph.UpstreamSignal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What an artifact version tells the artifacts produced from it, and how a receiver recognises a
 * cycle. Only a change of this signal travels on, so a change stops where it no longer changes
 * anything; a cycle is an edge whose signal names the receiver among its ancestors (its path or its
 * origins), or whose chain grew past the maximum depth, and that edge is then ignored.
 */
public final class Signals {

  /** Nearest ancestors carried for cycle detection: any cycle this short is found at once. */
  public static final int MAX_PATH = 16;

  /**
   * Root causes carried downstream: UPSTREAM_* names the first ones, counts them all up to this.
   */
  public static final int MAX_ORIGINS = 32;

  private static final Comparator<Origin> ORIGIN_ORDER =
      Comparator.comparing((Origin o) -> o.getStatus() == VerdictStatus.BLOCK ? 0 : 1)
          .thenComparing(Origin::getArtifact);

  private Signals() {}

  /** The signal of {@code node}, whose current verdict is {@code verdict} (null if none yet). */
  public static UpstreamSignal outgoing(
      final ArtifactNode node, final Verdict verdict, final boolean settled, final int maxDepth) {
    final List<UpstreamSignal> live =
        VerdictRules.primary(node)
            .map(run -> InputRules.relevant(run, node.getUpstream()))
            .orElse(List.of());
    final UpstreamSignal deepest =
        live.stream()
            .max(
                Comparator.comparingInt(UpstreamSignal::getDepth)
                    .thenComparing(UpstreamSignal::getFrom, Comparator.reverseOrder()))
            .orElse(null);
    final List<String> path = new ArrayList<>();
    if (deepest != null) {
      path.add(deepest.getFrom());
      deepest.getPath().stream().limit(MAX_PATH - 1).forEach(path::add);
    }
    final boolean produced = !node.getProducers().isEmpty();
    final int depth =
        !produced ? 0 : Math.min(maxDepth, 1 + (deepest == null ? 0 : deepest.getDepth()));
    return UpstreamSignal.newBuilder()
        .setFrom(node.getArtifact())
        .setName(node.getName())
        .setStatus(verdict == null ? null : verdict.getStatus())
        .setSettled(settled)
        .setOrigins(origins(node, verdict, live))
        .setProducedAt(VerdictRules.primary(node).map(RunTimes::producedAt).orElse(null))
        .setSupersededBy(node.getSupersededBy())
        .setDepth(depth)
        .setPath(path)
        .setBackEdge(false)
        .build();
  }

  /**
   * True when {@code signal}, received by {@code self}, shows that {@code self} is its own
   * ancestor.
   */
  public static boolean closesCycle(
      final String self, final UpstreamSignal signal, final int maxDepth) {
    return signal.getFrom().equals(self)
        || signal.getPath().contains(self)
        || signal.getOrigins().stream().anyMatch(o -> o.getArtifact().equals(self))
        || signal.getDepth() >= maxDepth;
  }

  private static List<Origin> origins(
      final ArtifactNode node, final Verdict verdict, final List<UpstreamSignal> live) {
    final Map<String, Origin> byArtifact = new LinkedHashMap<>();
    if (verdict != null) {
      final VerdictStatus own = VerdictRules.ownStatus(verdict);
      if (own != VerdictStatus.PASS) {
        final List<ReasonCode> codes =
            verdict.getReasons().stream()
                .map(Reason::getCode)
                .filter(code -> !Finding.inherited(code))
                .distinct()
                .sorted()
                .toList();
        byArtifact.put(node.getArtifact(), new Origin(node.getArtifact(), own, codes));
      }
    }
    live.stream()
        .flatMap(s -> s.getOrigins().stream())
        .filter(o -> !o.getArtifact().equals(node.getArtifact()))
        .sorted(ORIGIN_ORDER)
        .forEach(o -> byArtifact.putIfAbsent(o.getArtifact(), o));
    return Stream.of(byArtifact.values().toArray(Origin[]::new))
        .sorted(ORIGIN_ORDER)
        .limit(MAX_ORIGINS)
        .toList();
  }
}
