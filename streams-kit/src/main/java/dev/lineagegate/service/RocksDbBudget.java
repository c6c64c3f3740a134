package dev.lineagegate.service;

import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.WriteBufferManager;

/**
 * One memory budget for every RocksDB store of a Kafka Streams instance: a shared block cache that
 * also holds index and filter blocks, and memtables charged to the same cache, as Kafka Streams'
 * memory-management guide recommends. Without it, each store instance (store × partition) takes its
 * own 50 MiB block cache and up to 3 × 16 MiB of memtables, so the process's off-heap memory grows
 * with the partitions it owns, not with its data.
 *
 * <p>Streams creates the config setter by class name, once per store; the budget reaches it through
 * the Streams properties under {@link #PROPERTY} (an object, not a string), so that two instances
 * in one JVM (tests, the one-command stack) keep budgets of their own, with no static state.
 * Whoever builds the {@code KafkaStreams} closes the budget after it.
 */
public final class RocksDbBudget implements AutoCloseable {

  static final String PROPERTY = "lineagegate.rocksdb.budget";

  /** Share of the cache kept for index and filter blocks (high priority, evicted last). */
  private static final double INDEX_AND_FILTER_RATIO = 0.1;

  private final Cache cache;
  private final WriteBufferManager memtables;

  private RocksDbBudget(final long bytes) {
    // The cache is built before Streams opens a store, i.e. before anything loaded RocksDB's
    // native library (only RocksDB and Options do so when their class loads).
    RocksDB.loadLibrary();
    this.cache = new LRUCache(bytes, -1, false, INDEX_AND_FILTER_RATIO);
    // A quarter for memtables: writes are cached by Streams first, reads are what the cache is for.
    this.memtables = new WriteBufferManager(bytes / 4, cache);
  }

  /**
   * Bounds the RocksDB memory of the instance {@code props} configure to {@code mib} MiB (0: no
   * bound, RocksDB's and Streams' defaults per store). Returns the budget to close after Streams.
   */
  public static Optional<RocksDbBudget> apply(final Properties props, final int mib) {
    if (mib <= 0) {
      return Optional.empty();
    }
    final RocksDbBudget budget = new RocksDbBudget((long) mib << 20);
    props.put(PROPERTY, budget);
    props.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, Setter.class.getName());
    return Optional.of(budget);
  }

  @Override
  public void close() {
    memtables.close();
    cache.close();
  }

  /** Applies the instance's budget to each store Streams opens. */
  public static final class Setter implements RocksDBConfigSetter {

    @Override
    public void setConfig(
        final String storeName, final Options options, final Map<String, Object> configs) {
      if (!(configs.get(PROPERTY) instanceof RocksDbBudget budget)) {
        return; // no budget configured: RocksDB's defaults
      }
      // Streams' own table config, modified rather than replaced: it keeps Streams' other defaults.
      final BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
      table.setBlockCache(budget.cache);
      table.setCacheIndexAndFilterBlocks(true);
      table.setCacheIndexAndFilterBlocksWithHighPriority(true);
      table.setPinTopLevelIndexAndFilter(true);
      options.setWriteBufferManager(budget.memtables);
      options.setTableFormatConfig(table);
    }

    @Override
    public void close(final String storeName, final Options options) {
      // The cache and the write buffer manager are shared by every store: the budget closes them.
    }
  }
}
