package dev.lineagegate.lineagestream.query;

import dev.lineagegate.avro.graph.ArtifactNode;
import dev.lineagegate.avro.graph.ConsumerEdge;
import dev.lineagegate.avro.graph.NameNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The stores as one query sees them: each node is read once (a name-level walk meets the same
 * versions and outputs again and again, and each read may cross instances), and every read is
 * counted, so that the walk can stop at a budget.
 */
final class ReadCache implements NodeSource {

  private final NodeSource source;
  private final Map<String, Optional<ArtifactNode>> artifacts = new HashMap<>();
  private final Map<String, Optional<NameNode>> names = new HashMap<>();
  private int reads;

  ReadCache(final NodeSource source) {
    this.source = source;
  }

  /** Reads that went to the stores so far. */
  int reads() {
    return reads;
  }

  @Override
  public Optional<ArtifactNode> artifact(final String digest) {
    return artifacts.computeIfAbsent(
        digest,
        d -> {
          reads++;
          return source.artifact(d);
        });
  }

  @Override
  public List<ConsumerEdge> consumers(final String digest) {
    reads++;
    return source.consumers(digest);
  }

  @Override
  public List<ConsumerEdge> consumers(final String digest, final int limit) {
    reads++;
    return source.consumers(digest, limit);
  }

  @Override
  public Optional<NameNode> name(final String name) {
    return names.computeIfAbsent(
        name,
        n -> {
          reads++;
          return source.name(n);
        });
  }
}
