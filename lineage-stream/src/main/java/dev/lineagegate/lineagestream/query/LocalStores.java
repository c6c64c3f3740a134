package dev.lineagegate.lineagestream.query;

import dev.lineagegate.avro.graph.ArtifactNode;
import dev.lineagegate.avro.graph.ConsumerEdge;
import dev.lineagegate.avro.graph.NameNode;
import dev.lineagegate.lineagestream.TopologyNames;
import dev.lineagegate.lineagestream.graph.Address;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The stores of the tasks running in this instance (interactive queries). Answers only for the keys
 * this instance owns; {@link RoutedStores} decides which those are.
 */
public final class LocalStores implements NodeSource {

  private final StreamsRef streams;

  public LocalStores(final StreamsRef streams) {
    this.streams = streams;
  }

  @Override
  public Optional<ArtifactNode> artifact(final String digest) {
    return get(TopologyNames.ARTIFACTS_STORE, digest);
  }

  @Override
  public List<ConsumerEdge> consumers(final String digest) {
    return consumers(digest, Integer.MAX_VALUE);
  }

  @Override
  public List<ConsumerEdge> consumers(final String digest, final int limit) {
    final ReadOnlyKeyValueStore<String, ConsumerEdge> edges = store(TopologyNames.EDGES_STORE);
    final List<ConsumerEdge> result = new ArrayList<>();
    try (KeyValueIterator<String, ConsumerEdge> it =
        edges.prefixScan(Address.edgePrefix(digest), Serdes.String().serializer())) {
      while (it.hasNext() && result.size() < limit) {
        final KeyValue<String, ConsumerEdge> next = it.next();
        result.add(next.value);
      }
    } catch (InvalidStateStoreException e) {
      throw unavailable(TopologyNames.EDGES_STORE, e);
    }
    return result;
  }

  @Override
  public Optional<NameNode> name(final String name) {
    return get(TopologyNames.NAMES_STORE, Address.name(name));
  }

  /** A store can close under a query when its task moves: that is a 503 too, not a 500. */
  private <V> Optional<V> get(final String store, final String key) {
    try {
      return Optional.ofNullable(this.<V>store(store).get(key));
    } catch (InvalidStateStoreException e) {
      throw unavailable(store, e);
    }
  }

  private <V> ReadOnlyKeyValueStore<String, V> store(final String name) {
    try {
      return streams
          .streams()
          .store(
              StoreQueryParameters.fromNameAndType(
                  name, QueryableStoreTypes.<String, V>keyValueStore()));
    } catch (InvalidStateStoreException e) {
      throw unavailable(name, e);
    }
  }

  private static Unavailable unavailable(final String store, final RuntimeException e) {
    return new Unavailable("store " + store + " is not queryable now: " + e.getMessage(), e);
  }
}
