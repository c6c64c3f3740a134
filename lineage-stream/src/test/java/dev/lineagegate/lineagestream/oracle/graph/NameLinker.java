package dev.lineagegate.lineagestream.oracle.graph;

import dev.lineagegate.avro.graph.ConsumerEdge;
import dev.lineagegate.avro.graph.NameLink;
import dev.lineagegate.avro.graph.ResolveInput;
import dev.lineagegate.avro.graph.Unlink;
import dev.lineagegate.avro.graph.VersionUpdate;
import dev.lineagegate.lineagestream.graph.Address;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Links inputs named without a digest (DESIGN.md §2) to a node of their name, and moves the links
 * when versions arrive: the result is the same whatever order runs and versions arrive in. A run
 * that started at {@code at} reads the newest version produced at or before {@code at}; if the name
 * has none that old, the oldest one produced after (the first that appeared, which is where links
 * on the source node move); with no version at all, the name's unversioned source node. Failed
 * runs' versions and the run's own outputs are never read.
 */
final class NameLinker {

  private static final Comparator<VersionUpdate> BY_TIME =
      Comparator.comparing(
              VersionUpdate::getProducedAt,
              Comparator.nullsLast(Comparator.<Instant>naturalOrder()))
          .thenComparing(VersionUpdate::getArtifact);

  private final NameLinks links;
  private final Outbox out;

  NameLinker(final NameLinks links, final Outbox out) {
    this.links = links;
    this.out = out;
  }

  /**
   * The identity of the unversioned source node of {@code name}: {@code sha256("source:" + name)}.
   */
  static String source(final String name) {
    return Address.source(name);
  }

  /** The node a run of {@code runId} that started at {@code at} reads for {@code name}. */
  static String choose(
      final List<VersionUpdate> versions, final String name, final String runId, final Instant at) {
    final List<VersionUpdate> eligible =
        versions.stream().filter(v -> !v.getFailed() && !runId.equals(v.getRunId())).toList();
    final Optional<VersionUpdate> before =
        eligible.stream()
            .filter(
                v -> v.getProducedAt() != null && (at == null || !v.getProducedAt().isAfter(at)))
            .max(BY_TIME);
    if (before.isPresent()) {
      return before.get().getArtifact();
    }
    return eligible.stream().min(BY_TIME).map(VersionUpdate::getArtifact).orElse(source(name));
  }

  /** Links the run that {@code input} speaks for, or moves its link, given the name's versions. */
  void resolve(final ResolveInput input, final List<VersionUpdate> versions) {
    final String chosen = choose(versions, input.getName(), input.getRunId(), input.getAt());
    link(
        new NameLink(
            input.getName(),
            input.getRunId(),
            input.getAt(),
            input.getOutputs(),
            input.getPending(),
            chosen,
            input.getStep()),
        links.of(input.getName(), input.getRunId()));
  }

  /**
   * The versions of {@code name} changed in what a link depends on (a version arrived, failed or
   * moved in time): the runs that can read another node now are those that started at or after the
   * newest version older than {@code changed}; each is linked again.
   */
  void versionsChanged(
      final String name, final List<VersionUpdate> versions, final VersionUpdate changed) {
    if (!links.any(name)) {
      return;
    }
    final Instant from =
        changed.getProducedAt() == null
            ? null
            : versions.stream()
                .filter(v -> !v.getFailed() && v.getProducedAt() != null)
                .filter(v -> v.getProducedAt().isBefore(changed.getProducedAt()))
                .map(VersionUpdate::getProducedAt)
                .max(Comparator.naturalOrder())
                .orElse(null);
    for (final NameLink link : links.startedFrom(name, from)) {
      final String chosen = choose(versions, name, link.getRunId(), link.getAt());
      if (!chosen.equals(link.getLinked())) {
        link(NameLink.newBuilder(link).setLinked(chosen).build(), Optional.of(link));
      }
    }
  }

  /** True when the eligibility of a version for links differs between two updates of it. */
  static boolean linksDependOn(final VersionUpdate before, final VersionUpdate after) {
    return before == null
        || before.getFailed() != after.getFailed()
        || !Objects.equals(before.getProducedAt(), after.getProducedAt())
        || !Objects.equals(before.getRunId(), after.getRunId());
  }

  private void link(final NameLink link, final Optional<NameLink> old) {
    if (old.isPresent() && old.get().equals(link)) {
      return; // a run re-announcing what it reads: nothing moves
    }
    links.put(link);
    if (old.isPresent() && !old.get().getLinked().equals(link.getLinked())) {
      out.send(old.get().getLinked(), new Unlink(old.get().getLinked(), link.getRunId()));
    }
    out.send(
        link.getLinked(),
        new ConsumerEdge(
            link.getLinked(),
            link.getRunId(),
            link.getName(),
            link.getOutputs(),
            true,
            link.getPending(),
            link.getLinked().equals(source(link.getName())),
            link.getStep()));
  }
}
