package dev.lineagegate.lineagestream.query;

import dev.lineagegate.avro.graph.ArtifactNode;
import dev.lineagegate.avro.graph.ConsumerEdge;
import dev.lineagegate.avro.graph.NameNode;
import java.util.List;
import java.util.Optional;

/** The three stores queries read, whichever instance holds them. */
public interface NodeSource {

  /** The node of one artifact version ({@code artifact-nodes}, key = digest). */
  Optional<ArtifactNode> artifact(String digest);

  /** The runs that consumed one artifact version ({@code consumer-edges}, prefix scan). */
  List<ConsumerEdge> consumers(String digest);

  /**
   * At most {@code limit} of the runs that consumed one artifact version, in the store's order (by
   * runId): what a query that must bound its work reads. Stores override it to stop reading (and
   * sending) at the limit.
   */
  default List<ConsumerEdge> consumers(final String digest, final int limit) {
    final List<ConsumerEdge> all = consumers(digest);
    return all.size() <= limit ? all : List.copyOf(all.subList(0, limit));
  }

  /** The versions of one name ({@code name-nodes}, key = {@code name:<name>}). */
  Optional<NameNode> name(String name);
}
