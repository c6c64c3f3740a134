package dev.lineagegate.service.state;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serde;
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
 * front of the store of their bytes Kafka Streams builds (metered, cached, changelogged, RocksDB).
 * Kafka Streams' own cache holds bytes, so every {@code put} encoded the whole value and every
 * {@code get} decoded it: for lineage-stream's nodes, read and re-written by every message, that
 * was a third of the stream thread (issue #14). Here a value read is decoded once while it stays; a
 * value written is encoded at once, but only in what changed ({@link RecordCodec}: a field or list
 * item that is the very object the key's previous value had keeps its bytes), and its bytes reach
 * the store below when Kafka Streams flushes the stores' caches before each commit ({@link
 * CachedStateStore#flushCache}, an interface of Kafka Streams' internals: the only hook that runs
 * inside every transaction), or when the key is evicted. The bytes are the serde's, so the
 * changelog and the data directory are those of a plain store of the same serde.
 *
 * <p>What stays the same for the processor: the bound per key ({@code limit} bytes encoded) is
 * checked on {@code put}, exactly, with the same {@link StateLimitException} as {@link
 * BoundedSerde}'s; values are handed out and taken in as copies of their top-level fields, so that
 * a caller changing a value it read (or wrote) changes nothing stored until it writes it (nested
 * values must not be changed in place: copy, then set); under exactly-once, writes not yet flushed
 * are dropped when Kafka Streams clears its caches or closes the task dirty, as its own cache's
 * are.
 *
 * <p>Only the stream thread that writes the store uses the objects: any other thread (interactive
 * queries) reads the store below, which holds what was last flushed or evicted, at most a commit
 * interval older. Range queries of the writing thread see its own writes (they are flushed first).
 * This assumes one thread per task for the life of the store, as Kafka Streams' stream threads give
 * (not its experimental processing threads); {@link #query} (interactive queries of the second
 * kind) answers with the store below's bytes.
 *
 * <p>Memory: at most {@code maxBytes} of encoded values per store instance (one per task), kept
 * twice (the objects and, for values written, their bytes by field).
 */
public final class ObjectCachingStore<V extends SpecificRecordBase>
    implements KeyValueStore<String, V>, CachedStateStore<String, V> {

  private static final Logger LOG = LoggerFactory.getLogger(ObjectCachingStore.class);

  private final KeyValueStore<String, byte[]> inner;
  private final Supplier<V> blank;
  private final RecordCodec<V> codec;
  private final KeptValues<V> kept;
  private final String what;
  private final int limit;
  private final boolean checkEncoding;
  private volatile Thread owner;
  private long flushes;
  private String changelog;

  /**
   * @param inner the store of the encoded values Kafka Streams built
   * @param serde the values' registry serde (its bytes are what the store keeps)
   * @param blank a new empty record of the value type (its no-argument constructor)
   * @param what the name a refusal gives the value ({@link StateLimitException#what()})
   * @param limit the most bytes a value may have, encoded
   * @param maxBytes the encoded bytes of values kept decoded, at most
   */
  public ObjectCachingStore(
      final KeyValueStore<String, byte[]> inner,
      final Serde<V> serde,
      final Supplier<V> blank,
      final String what,
      final int limit,
      final long maxBytes) {
    this.inner = inner;
    this.blank = blank;
    this.codec = new RecordCodec<>(serde, blank);
    this.kept = new KeptValues<>(maxBytes, this::write);
    this.what = what;
    this.limit = limit;
    // Tests set it: every write is compared with the serde's own bytes.
    this.checkEncoding = Boolean.getBoolean("lineagegate.state.check-encoding");
  }

  @Override
  public V get(final String key) {
    if (Thread.currentThread() != owner) {
      return codec.decode(changelog, inner.get(key));
    }
    KeptValues.Entry<V> entry = kept.get(key);
    if (entry == null) {
      final byte[] stored = inner.get(key);
      final RecordCodec.Decoded<V> decoded = codec.decodeSplit(changelog, stored);
      if (checkEncoding) {
        check(stored, decoded);
      }
      entry =
          new KeptValues.Entry<>(
              decoded.value(), decoded.encoded(), stored == null ? 0 : stored.length, false);
      kept.keep(key, entry);
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
    final KeptValues.Entry<V> previous = kept.peek(key);
    final RecordCodec.Encoded encoded =
        codec.encode(changelog, value, previous == null ? null : previous.encoded);
    if (encoded.size() > limit) {
      throw new StateLimitException(what, encoded.size(), limit);
    }
    if (checkEncoding) {
      check(value, encoded);
    }
    kept.keep(key, new KeptValues.Entry<>(copy(value), encoded, encoded.size(), true));
  }

  private void check(final byte[] stored, final RecordCodec.Decoded<V> decoded) {
    final V expected = codec.decode(changelog, stored);
    if (!Objects.equals(expected, decoded.value())
        || decoded.encoded() != null && !Arrays.equals(stored, codec.bytes(decoded.encoded()))) {
      throw new IllegalStateException(
          name() + ": reading by field differs from the serde's for " + expected);
    }
  }

  /** A kept value still encodes to its bytes: nobody changed a nested object of it in place. */
  private void check(final String key, final KeptValues.Entry<V> entry) {
    if (entry.value != null && entry.encoded != null) {
      check(entry.value, entry.encoded);
    }
  }

  /**
   * The bytes by field are the serde's, or (a map read back iterates in another order than it was
   * written in: Avro writes a map's entries as it iterates them) bytes of the same value.
   */
  private void check(final V value, final RecordCodec.Encoded encoded) {
    final byte[] expected = codec.serialize(changelog, value);
    final byte[] actual = codec.bytes(encoded);
    if (!Arrays.equals(expected, actual) && !value.equals(codec.decode(changelog, actual))) {
      throw new IllegalStateException(
          name()
              + ": the encoding by field differs from the serde's in field "
              + codec.fieldAt(encoded, Arrays.mismatch(expected, actual))
              + " of "
              + value);
    }
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
    kept.keep(key, new KeptValues.Entry<>(null, null, 0, true));
    return previous;
  }

  private void write(final String key, final KeptValues.Entry<V> entry) {
    if (entry.value == null) {
      inner.delete(key);
    } else {
      inner.put(key, codec.bytes(entry.encoded));
    }
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
    return decoded(inner.range(from, to));
  }

  @Override
  public KeyValueIterator<String, V> reverseRange(final String from, final String to) {
    flushIfOwner();
    return decoded(inner.reverseRange(from, to));
  }

  @Override
  public KeyValueIterator<String, V> all() {
    flushIfOwner();
    return decoded(inner.all());
  }

  @Override
  public KeyValueIterator<String, V> reverseAll() {
    flushIfOwner();
    return decoded(inner.reverseAll());
  }

  @Override
  public <S extends Serializer<P>, P> KeyValueIterator<String, V> prefixScan(
      final P prefix, final S prefixKeySerializer) {
    flushIfOwner();
    return decoded(inner.prefixScan(prefix, prefixKeySerializer));
  }

  private void flushIfOwner() {
    if (Thread.currentThread() == owner) {
      kept.writeDirty();
    }
  }

  private KeyValueIterator<String, V> decoded(final KeyValueIterator<String, byte[]> it) {
    return new DecodingIterator<>(it, bytes -> codec.decode(changelog, bytes));
  }

  /** How many keys are kept decoded (tests). */
  int keptEntries() {
    return kept.size();
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
    if (checkEncoding) {
      // What is written now, and now and then all that is kept (each costs an encoding).
      if (++flushes % 64 == 0) {
        kept.forEachKept(this::check);
      } else {
        kept.forEachDirty(this::check);
      }
    }
    kept.writeDirty();
    if (inner instanceof CachedStateStore<?, ?> cached) {
      cached.flushCache();
    }
  }

  /**
   * Kafka Streams drops what its caches hold (when a task is recycled between active and standby):
   * so does this store. After an aborted transaction the task is closed dirty and initialised
   * again, which drops them too ({@link #close}, {@link #init}).
   */
  @Override
  public void clearCache() {
    clear();
    if (inner instanceof CachedStateStore<?, ?> cached) {
      cached.clearCache();
    }
  }

  /** No flush listener: these stores feed no table downstream. */
  @Override
  public boolean setFlushListener(
      final CacheFlushListener<String, V> listener, final boolean sendOldValues) {
    return false;
  }

  @Override
  @SuppressWarnings("deprecation")
  public void flush() {
    kept.writeDirty();
    inner.flush();
  }

  @Override
  public void commit(final Map<TopicPartition, Long> changelogOffsets) {
    if (kept.hasDirty()) {
      // flushCache came first in every commit so far: values written since are for the next
      // transaction. Should a Kafka Streams version stop calling it, say so instead of silently
      // writing the changelog one transaction late.
      LOG.warn(
          "{}: values written but not flushed at a commit: is CachedStateStore.flushCache still"
              + " called before each commit by this Kafka Streams version?",
          name());
    }
    kept.writeDirty();
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
    kept.clear(name());
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

  /** Interactive queries of the second kind get the store below's answers (values as bytes). */
  @Override
  public <R> QueryResult<R> query(
      final Query<R> query, final PositionBound positionBound, final QueryConfig config) {
    return inner.query(query, positionBound, config);
  }

  @Override
  public Position getPosition() {
    return inner.getPosition();
  }
}
