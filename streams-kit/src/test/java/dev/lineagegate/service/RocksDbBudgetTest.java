package dev.lineagegate.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Options;

class RocksDbBudgetTest {

  @Test
  void shouldLeaveTheDefaultsWhenTheBudgetIsZero() {
    // Given
    final Properties props = new Properties();
    // When
    final Optional<RocksDbBudget> budget = RocksDbBudget.apply(props, 0);
    // Then
    assertThat(budget).isEmpty();
    assertThat(props).isEmpty();
  }

  @Test
  void shouldGiveEveryStoreTheSharedCacheWhenABudgetIsSet() {
    // Given
    final Properties props = new Properties();
    // When
    try (RocksDbBudget budget = RocksDbBudget.apply(props, 64).orElseThrow();
        Options options = new Options()) {
      options.setTableFormatConfig(new BlockBasedTableConfig());
      new RocksDbBudget.Setter().setConfig("runs", options, Map.of(RocksDbBudget.PROPERTY, budget));

      // Then the instance is configured with the setter and its budget, and a store's options
      // keep index and filter blocks in the budget's cache
      assertThat(props)
          .containsEntry(
              StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG,
              RocksDbBudget.Setter.class.getName())
          .containsEntry(RocksDbBudget.PROPERTY, budget);
      final BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
      assertThat(table.cacheIndexAndFilterBlocks()).isTrue();
      assertThat(table.cacheIndexAndFilterBlocksWithHighPriority()).isTrue();
      assertThat(table.pinTopLevelIndexAndFilter()).isTrue();
    }
  }

  @Test
  void shouldLeaveAStoreAloneWhenNoBudgetIsConfigured() {
    try (Options options = new Options()) {
      options.setTableFormatConfig(new BlockBasedTableConfig());
      new RocksDbBudget.Setter().setConfig("runs", options, Map.of());
      assertThat(((BlockBasedTableConfig) options.tableFormatConfig()).cacheIndexAndFilterBlocks())
          .isFalse();
    }
  }
}
