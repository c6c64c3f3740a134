package dev.lineagegate.lineagestream.query;

import dev.lineagegate.avro.graph.ArtifactNode;
import dev.lineagegate.avro.graph.NameNode;
import dev.lineagegate.avro.graph.VersionUpdate;
import dev.lineagegate.lineagestream.graph.Address;
import dev.lineagegate.lineagestream.query.NameGraph.Node;
import java.util.List;
import java.util.Optional;

/**
 * A dataset of the name-level graph: its status is that of its newest version (the newest a run
 * completed; a failed run's only when there is no other, as the name node orders them). A name no
 * run produced takes the status of what its readers read: the digest last read under it, else its
 * source node (a source answers PASS). Null while that has no verdict, or nothing is known.
 */
final class DatasetStatus {

  private DatasetStatus() {}

  static Node of(final String name, final NodeSource source) {
    final Optional<NameNode> node = source.name(name);
    final List<VersionUpdate> versions = node.map(NameNode::getVersions).orElse(List.of());
    return Node.dataset(name, status(name, node, versions, source), versions.size());
  }

  private static String status(
      final String name,
      final Optional<NameNode> node,
      final List<VersionUpdate> versions,
      final NodeSource source) {
    if (!versions.isEmpty()) {
      final VersionUpdate newest =
          versions.stream().filter(v -> !v.getFailed()).findFirst().orElse(versions.get(0));
      return newest.getStatus() == null ? null : newest.getStatus().name();
    }
    final String read =
        node.map(NameNode::getRead)
            .filter(r -> !r.isEmpty())
            .map(r -> r.get(0))
            .orElse(Address.source(name));
    return source
        .artifact(read)
        .map(ArtifactNode::getVerdict)
        .map(v -> v.getStatus().name())
        .orElse(null);
  }
}
