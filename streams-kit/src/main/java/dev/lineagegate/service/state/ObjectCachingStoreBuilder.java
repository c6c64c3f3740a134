package dev.lineagegate.service.state;

import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * A store builder whose stores are Kafka Streams' own store of encoded values, built by {@code
 * inner}, wrapped by {@code wrap} (an {@link ObjectCachingStore}): the name, changelog and caching
 * settings stay {@code inner}'s, so the wrapped store keeps its changelog topic and its data
 * directory.
 */
public final class ObjectCachingStoreBuilder<V> implements StoreBuilder<KeyValueStore<String, V>> {

  private final StoreBuilder<KeyValueStore<String, byte[]>> inner;
  private final Function<KeyValueStore<String, byte[]>, KeyValueStore<String, V>> wrap;

  public ObjectCachingStoreBuilder(
      final StoreBuilder<KeyValueStore<String, byte[]>> inner,
      final Function<KeyValueStore<String, byte[]>, KeyValueStore<String, V>> wrap) {
    this.inner = inner;
    this.wrap = wrap;
  }

  @Override
  public StoreBuilder<KeyValueStore<String, V>> withCachingEnabled() {
    inner.withCachingEnabled();
    return this;
  }

  @Override
  public StoreBuilder<KeyValueStore<String, V>> withCachingDisabled() {
    inner.withCachingDisabled();
    return this;
  }

  @Override
  public StoreBuilder<KeyValueStore<String, V>> withLoggingEnabled(
      final Map<String, String> config) {
    inner.withLoggingEnabled(config);
    return this;
  }

  @Override
  public StoreBuilder<KeyValueStore<String, V>> withLoggingDisabled() {
    inner.withLoggingDisabled();
    return this;
  }

  @Override
  public KeyValueStore<String, V> build() {
    return wrap.apply(inner.build());
  }

  @Override
  public Map<String, String> logConfig() {
    return inner.logConfig();
  }

  @Override
  public boolean loggingEnabled() {
    return inner.loggingEnabled();
  }

  @Override
  public String name() {
    return inner.name();
  }
}
