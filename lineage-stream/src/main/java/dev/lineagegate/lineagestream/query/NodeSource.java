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

  /** The versions of one name ({@code name-nodes}, key = {@code name:<name>}). */
  Optional<NameNode> name(String name);
}
