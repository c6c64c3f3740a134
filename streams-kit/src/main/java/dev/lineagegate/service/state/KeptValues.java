package dev.lineagegate.service.state;

import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The values an {@link ObjectCachingStore} keeps decoded: least recently used first out once their
 * encoded bytes pass the budget, and those the store below still lacks (dirty) written to it first,
 * by {@code writer}, when they leave or when the store flushes. Only the writing stream thread.
 */
final class KeptValues<V> {

  private static final Logger LOG = LoggerFactory.getLogger(KeptValues.class);

  /**
   * A value (null: the key has none); its encoding by field (null when it could not be read so: its
   * next write encodes it whole); its encoded size; whether the store below lacks it.
   */
  static final class Entry<V> {
    final V value;
    final RecordCodec.Encoded encoded;
    final int size;
    boolean dirty;

    Entry(final V value, final RecordCodec.Encoded encoded, final int size, final boolean dirty) {
      this.value = value;
      this.encoded = encoded;
      this.size = size;
      this.dirty = dirty;
    }
  }

  /**
   * Counted per entry besides its encoded value: its key and the bookkeeping. A key read and never
   * written (a null value) costs this much, so that such entries too are bounded.
   */
  static final int OVERHEAD = 64;

  private final long maxBytes;
  private final BiConsumer<String, Entry<V>> writer;
  private final Map<String, Entry<V>> entries = new LinkedHashMap<>(1024, 0.75f, true);

  /** The entries the store below lacks: a flush writes these, not every entry kept. */
  private final Map<String, Entry<V>> dirty = new HashMap<>();

  private long bytes;
  private long hits;
  private long misses;
  private long evictions;

  KeptValues(final long maxBytes, final BiConsumer<String, Entry<V>> writer) {
    this.maxBytes = maxBytes;
    this.writer = writer;
  }

  /** The entry of {@code key}, or null when none is kept (counted as a miss). */
  Entry<V> get(final String key) {
    final Entry<V> entry = entries.get(key);
    if (entry == null) {
      misses++;
    } else {
      hits++;
    }
    return entry;
  }

  /** The entry of {@code key}, or null, without counting it (a write looks at what it replaces). */
  Entry<V> peek(final String key) {
    return entries.get(key);
  }

  /** Keeps {@code entry} for {@code key}, making room by writing and dropping the eldest. */
  void keep(final String key, final Entry<V> entry) {
    final Entry<V> replaced = entries.put(key, entry);
    if (entry.dirty) {
      dirty.put(key, entry);
    }
    bytes += cost(key, entry) - (replaced == null ? 0 : cost(key, replaced));
    final Iterator<Map.Entry<String, Entry<V>>> eldest = entries.entrySet().iterator();
    while (bytes > maxBytes && eldest.hasNext()) {
      final Map.Entry<String, Entry<V>> evicted = eldest.next();
      evictions++;
      if (evicted.getValue().dirty) {
        write(evicted.getKey(), evicted.getValue());
        dirty.remove(evicted.getKey());
      }
      bytes -= cost(evicted.getKey(), evicted.getValue());
      eldest.remove();
    }
  }

  private static long cost(final String key, final Entry<?> entry) {
    return entry.size + 2L * key.length() + OVERHEAD;
  }

  /** Writes every value the store below lacks. */
  void writeDirty() {
    dirty.forEach(this::write);
    dirty.clear();
  }

  private void write(final String key, final Entry<V> entry) {
    writer.accept(key, entry);
    entry.dirty = false;
  }

  boolean hasDirty() {
    return !dirty.isEmpty();
  }

  /** Every entry kept, written or not (for checks in tests). */
  void forEachKept(final BiConsumer<String, Entry<V>> action) {
    entries.forEach(action);
  }

  /** Every entry the store below lacks (for checks in tests). */
  void forEachDirty(final BiConsumer<String, Entry<V>> action) {
    dirty.forEach(action);
  }

  int size() {
    return entries.size();
  }

  /** Forgets everything, written or not. */
  void clear(final String store) {
    if (hits + misses > 0) {
      LOG.debug(
          "{}: {} hits, {} misses, {} evicted, {} entries of {} bytes",
          store,
          hits,
          misses,
          evictions,
          entries.size(),
          bytes);
    }
    entries.clear();
    dirty.clear();
    bytes = 0;
    hits = 0;
    misses = 0;
    evictions = 0;
  }
}
