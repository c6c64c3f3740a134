package dev.lineagegate.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.Options;

/**
 * The budget as Kafka Streams itself hands it to the config setter: built first (before anything
 * loaded RocksDB's native library), passed through the Properties as an object, and given to each
 * persistent store Streams opens.
 */
class RocksDbBudgetStreamsTest {

  /** Test-only record of what Streams passed to the setter (Streams instantiates it by name). */
  static final List<Object> SEEN = new CopyOnWriteArrayList<>();

  /** The real setter, recording the budget it was given. */
  public static final class RecordingSetter implements RocksDBConfigSetter {
    private final RocksDbBudget.Setter real = new RocksDbBudget.Setter();

    @Override
    public void setConfig(
        final String storeName, final Options options, final Map<String, Object> configs) {
      SEEN.add(configs.get(RocksDbBudget.PROPERTY));
      real.setConfig(storeName, options, configs);
    }

    @Override
    public void close(final String storeName, final Options options) {
      real.close(storeName, options);
    }
  }

  @TempDir Path state;

  @Test
  void shouldHandEveryStoreTheInstancesBudgetWhenStreamsOpensIt() {
    // Given a budget applied to an instance's properties, the setter recording what it receives
    final Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "budget-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9");
    props.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
    try (RocksDbBudget budget = RocksDbBudget.apply(props, 32).orElseThrow()) {
      props.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, RecordingSetter.class.getName());

      // When a topology with a persistent store runs a record
      try (TopologyTestDriver driver = new TopologyTestDriver(topology(), props)) {
        driver
            .createInputTopic("in", Serdes.String().serializer(), Serdes.String().serializer())
            .pipeInput("k", "v");

        // Then the store opened with this instance's budget, and holds the record
        assertThat(SEEN).containsExactly(budget);
        final KeyValueStore<String, String> store = driver.getKeyValueStore("kept");
        assertThat(store.get("k")).isEqualTo("v");
      }
    }
  }

  private static Topology topology() {
    final Topology topology = new Topology();
    topology.addSource(
        "source", Serdes.String().deserializer(), Serdes.String().deserializer(), "in");
    topology.addProcessor("keep", Keep::new, "source");
    topology.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore("kept"), Serdes.String(), Serdes.String()),
        "keep");
    return topology;
  }

  private static final class Keep implements Processor<String, String, Void, Void> {
    private KeyValueStore<String, String> store;

    @Override
    public void init(final ProcessorContext<Void, Void> context) {
      store = context.getStateStore("kept");
    }

    @Override
    public void process(final Record<String, String> record) {
      store.put(record.key(), record.value());
    }
  }
}
