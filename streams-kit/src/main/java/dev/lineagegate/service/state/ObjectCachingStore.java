package dev.lineagegate.service.state;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.query.PositionBound;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.QueryConfig;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.internals.CacheFlushListener;
import org.apache.kafka.streams.state.internals.CachedStateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A key-value store of Avro records that keeps the values of its recently used keys decoded, in
 * front of the serializing store Kafka Streams builds (metered, cached in bytes, changelogged,
 * RocksDB). Kafka Streams' own cache holds bytes, so every {@code put} encodes the whole value and
 * every {@code get} decodes it; for lineage-stream's nodes, read and re-written by every message,
 * that was a third of the stream thread (issue #14). Here a written value is kept as an object and
 * reaches the store below, encoded once, when Kafka Streams flushes the stores' caches before each
 * commit ({@link CachedStateStore#flushCache}, an interface of Kafka Streams' internals: the only
 * hook that runs inside every transaction), or when the key is evicted; a value read is decoded
 * once while it stays.
 *
 * <p>What stays the same for the processor: the bound per key ({@code limit} bytes serialized) is
 * checked on {@code put}, with the same {@link StateLimitException}, from a cheap upper bound of
 * the encoded size ({@link AvroSizes}, re-measuring only what changed: {@link FieldSizes}) and by
 * encoding only when that bound is over the limit; values are handed out and taken in as copies of
 * their top-level fields, so that a caller changing a value it read (or wrote) changes nothing
 * stored until it writes it; under exactly-once, writes not yet flushed are dropped with the task
 * on a dirty close, as the byte cache's are.
 *
 * <p>Only the stream thread that writes the store uses the objects: any other thread (interactive
 * queries) reads the store below, which holds what was last flushed, at most a commit interval
 * older. Range queries of the writing thread see its own writes (they are flushed first).
 *
 * <p>Memory: at most {@code maxBytes} of estimated encoded size per store instance (one per task).
 */
public final class ObjectCachingStore<V extends SpecificRecordBase>
    implements KeyValueStore<String, V>, CachedStateStore<String, V> {

  private static final Logger LOG = LoggerFactory.getLogger(ObjectCachingStore.class);

  private final KeyValueStore<String, V> inner;
  private final Supplier<V> blank;
  private final Serializer<V> exact;
  private final int limit;
  private final long maxBytes;
  private final Map<String, Entry<V>> entries = new LinkedHashMap<>(1024, 0.75f, true);
  private long bytes;
  private long hits;
  private long misses;
  private long evictions;
  private long dirtyEvictions;
  private volatile Thread owner;
  private String changelog;

  /** A value (null: the key has none), its measured size, and whether the store below lacks it. */
  private static final class Entry<V> {
    private final V value;
    private final FieldSizes sizes;
    private boolean dirty;

    private Entry(final V value, final FieldSizes sizes, final boolean dirty) {
      this.value = value;
      this.sizes = sizes;
      this.dirty = dirty;
    }

    long size() {
      return sizes.total();
    }
  }

  /**
   * @param inner the store Kafka Streams built; its serde need not bound values, this store does
   *     (and a value within the bound here is written whole even when a caller changed a nested
   *     object in place since, which the estimate cannot see)
   * @param blank a new empty record of the value type (its no-argument constructor)
   * @param exact the serializer bounded at {@code limit}, used only when the estimate is over it
   */
  public ObjectCachingStore(
      final KeyValueStore<String, V> inner,
      final Supplier<V> blank,
      final Serializer<V> exact,
      final int limit,
      final long maxBytes) {
    this.inner = inner;
    this.blank = blank;
    this.exact = exact;
    this.limit = limit;
    this.maxBytes = maxBytes;
  }

  @Override
  public V get(final String key) {
    if (Thread.currentThread() != owner) {
      return inner.get(key);
    }
    Entry<V> entry = entries.get(key);
    if (entry == null) {
      misses++;
      final V stored = inner.get(key);
      entry = new Entry<>(stored, FieldSizes.of(stored, null), false);
      remember(key, entry);
    } else {
      hits++;
    }
    return copy(entry.value);
  }

  @Override
  public void put(final String key, final V value) {
    if (value == null) {
      delete(key);
      return;
    }
    owner = Thread.currentThread();
    final Entry<V> previous = entries.get(key);
    final FieldSizes sizes = FieldSizes.of(value, previous == null ? null : previous.sizes);
    final Entry<V> entry = new Entry<>(copy(value), sizes, true);
    if (entry.size() > limit) {
      // Encoded as its changelog's serde does: throws StateLimitException when it really is over.
      exact.serialize(changelog, value);
    }
    remember(key, entry);
  }

  @Override
  public V putIfAbsent(final String key, final V value) {
    final V current = get(key);
    if (current == null) {
      put(key, value);
    }
    return current;
  }

  @Override
  public void putAll(final List<KeyValue<String, V>> values) {
    values.forEach(kv -> put(kv.key, kv.value));
  }

  @Override
  public V delete(final String key) {
    owner = Thread.currentThread();
    final V previous = get(key);
    remember(key, new Entry<>(null, FieldSizes.NONE, true));
    return previous;
  }

  private void remember(final String key, final Entry<V> entry) {
    final Entry<V> replaced = entries.put(key, entry);
    bytes += entry.size() - (replaced == null ? 0 : replaced.size());
    final Iterator<Map.Entry<String, Entry<V>>> eldest = entries.entrySet().iterator();
    while (bytes > maxBytes && !entries.isEmpty()) {
      final Map.Entry<String, Entry<V>> evicted = eldest.next();
      evictions++;
      if (evicted.getValue().dirty) {
        dirtyEvictions++;
      }
      write(evicted.getKey(), evicted.getValue());
      bytes -= evicted.getValue().size();
      eldest.remove();
    }
  }

  /** Writes every value the store below lacks, so that it holds what this one does. */
  private void writeDirty() {
    for (final Map.Entry<String, Entry<V>> entry : entries.entrySet()) {
      write(entry.getKey(), entry.getValue());
    }
  }

  private void write(final String key, final Entry<V> entry) {
    if (!entry.dirty) {
      return;
    }
    if (entry.value == null) {
      inner.delete(key);
    } else {
      inner.put(key, entry.value);
    }
    entry.dirty = false;
  }

  private V copy(final V value) {
    if (value == null) {
      return null;
    }
    final V copy = blank.get();
    final int fields = value.getSchema().getFields().size();
    for (int i = 0; i < fields; i++) {
      copy.put(i, value.get(i));
    }
    return copy;
  }

  @Override
  public KeyValueIterator<String, V> range(final String from, final String to) {
    flushIfOwner();
    return inner.range(from, to);
  }

  @Override
  public KeyValueIterator<String, V> reverseRange(final String from, final String to) {
    flushIfOwner();
    return inner.reverseRange(from, to);
  }

  @Override
  public KeyValueIterator<String, V> all() {
    flushIfOwner();
    return inner.all();
  }

  @Override
  public KeyValueIterator<String, V> reverseAll() {
    flushIfOwner();
    return inner.reverseAll();
  }

  @Override
  public <S extends Serializer<P>, P> KeyValueIterator<String, V> prefixScan(
      final P prefix, final S prefixKeySerializer) {
    flushIfOwner();
    return inner.prefixScan(prefix, prefixKeySerializer);
  }

  private void flushIfOwner() {
    if (Thread.currentThread() == owner) {
      writeDirty();
    }
  }

  @Override
  public long approximateNumEntries() {
    return inner.approximateNumEntries();
  }

  @Override
  public String name() {
    return inner.name();
  }

  @Override
  public void init(final StateStoreContext context, final StateStore root) {
    clear();
    changelog = context.applicationId() + "-" + name() + "-changelog";
    inner.init(context, root);
  }

  /**
   * Called by Kafka Streams before every commit (its own caches are flushed here, so that the
   * changelog records go out in the transaction of the outputs they explain): the values written
   * since reach the store below, and through its cache the changelog, in this transaction. {@link
   * #commit} comes after the transaction, and only now and then under exactly-once (when a
   * checkpoint is due), so it cannot be the place.
   */
  @Override
  public void flushCache() {
    writeDirty();
    if (inner instanceof CachedStateStore<?, ?> cached) {
      cached.flushCache();
    }
  }

  /** Kafka Streams drops what its caches hold (a transaction aborted): so does this store. */
  @Override
  public void clearCache() {
    clear();
    if (inner instanceof CachedStateStore<?, ?> cached) {
      cached.clearCache();
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  public boolean setFlushListener(
      final CacheFlushListener<String, V> listener, final boolean sendOldValues) {
    return inner instanceof CachedStateStore<?, ?> cached
        && ((CachedStateStore<String, V>) cached).setFlushListener(listener, sendOldValues);
  }

  @Override
  @SuppressWarnings("deprecation")
  public void flush() {
    writeDirty();
    inner.flush();
  }

  @Override
  public void commit(final Map<TopicPartition, Long> changelogOffsets) {
    writeDirty();
    inner.commit(changelogOffsets);
  }

  @Override
  public Long committedOffset(final TopicPartition partition) {
    return inner.committedOffset(partition);
  }

  @Override
  public boolean managesOffsets() {
    return inner.managesOffsets();
  }

  /** Unflushed writes are dropped: a clean close is preceded by a commit, which flushed them. */
  @Override
  public void close() {
    clear();
    inner.close();
  }

  private void clear() {
    if (hits + misses > 0) {
      LOG.debug(
          "{}: {} hits, {} misses, {} evicted ({} not yet written), {} entries of {} bytes",
          name(),
          hits,
          misses,
          evictions,
          dirtyEvictions,
          entries.size(),
          bytes);
    }
    hits = 0;
    misses = 0;
    evictions = 0;
    dirtyEvictions = 0;
    entries.clear();
    bytes = 0;
    owner = null;
  }

  @Override
  public boolean persistent() {
    return inner.persistent();
  }

  @Override
  public boolean isOpen() {
    return inner.isOpen();
  }

  @Override
  public <R> QueryResult<R> query(
      final Query<R> query, final PositionBound positionBound, final QueryConfig config) {
    return inner.query(query, positionBound, config);
  }

  @Override
  public Position getPosition() {
    return inner.getPosition();
  }

  /** The keys whose values the store below lacks (for tests and metrics). */
  List<String> dirtyKeys() {
    final List<String> dirty = new ArrayList<>();
    entries.forEach(
        (key, entry) -> {
          if (entry.dirty) {
            dirty.add(key);
          }
        });
    return dirty;
  }
}
