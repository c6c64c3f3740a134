package dev.lineagegate.lineagestream.query;

import dev.lineagegate.avro.graph.ArtifactNode;
import dev.lineagegate.avro.graph.ConsumerEdge;
import dev.lineagegate.avro.graph.NameNode;
import dev.lineagegate.lineagestream.TopologyNames;
import dev.lineagegate.lineagestream.graph.Address;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Answers for any key from any instance: each key is read where its active task runs, here or on
 * the instance Streams names in its metadata. Keys are routed by their {@code lineage.graph.v1}
 * address, the key the store's partition was chosen by (an edge {@code <digest>|<runId>} lives with
 * the node {@code <digest>}).
 */
public final class RoutedStores implements NodeSource {

  private final StreamsRef streams;
  private final LocalStores local;
  private final RemoteStores remote;

  public RoutedStores(
      final StreamsRef streams, final LocalStores local, final RemoteStores remote) {
    this.streams = streams;
    this.local = local;
    this.remote = remote;
  }

  @Override
  public Optional<ArtifactNode> artifact(final String digest) {
    final HostInfo owner = owner(TopologyNames.ARTIFACTS_STORE, digest);
    return isSelf(owner) ? local.artifact(digest) : remote.artifact(owner, digest);
  }

  @Override
  public List<ConsumerEdge> consumers(final String digest) {
    return consumers(digest, Integer.MAX_VALUE);
  }

  @Override
  public List<ConsumerEdge> consumers(final String digest, final int limit) {
    final HostInfo owner = owner(TopologyNames.EDGES_STORE, digest);
    return isSelf(owner) ? local.consumers(digest, limit) : remote.consumers(owner, digest, limit);
  }

  @Override
  public Optional<NameNode> name(final String name) {
    final HostInfo owner = owner(TopologyNames.NAMES_STORE, Address.name(name));
    return isSelf(owner) ? local.name(name) : remote.name(owner, name);
  }

  /** Whether this instance holds the active task of {@code digest} (tests and diagnostics). */
  public boolean owns(final String digest) {
    return owns(TopologyNames.ARTIFACTS_STORE, digest);
  }

  /** Whether the active task of {@code address} in {@code store} runs in this instance. */
  public boolean owns(final String store, final String address) {
    return isSelf(owner(store, address));
  }

  private HostInfo owner(final String store, final String address) {
    final KeyQueryMetadata metadata;
    try {
      metadata =
          streams.streams().queryMetadataForKey(store, address, Serdes.String().serializer());
    } catch (IllegalStateException e) {
      throw new Unavailable("metadata of " + store + " not available: " + e.getMessage(), e);
    }
    if (metadata == null || KeyQueryMetadata.NOT_AVAILABLE.equals(metadata)) {
      throw new Unavailable("no instance owns " + store + " key " + address + " now (rebalancing)");
    }
    return metadata.activeHost();
  }

  private boolean isSelf(final HostInfo owner) {
    return owner.equals(streams.self());
  }
}
