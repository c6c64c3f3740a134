package dev.lineagegate.bench.lineage;

import dev.lineagegate.schema.Topics;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * The stateful baseline of issue #14: what any exactly-once stateful application pays per event
 * with lineage-stream's settings, and nothing more. Per record: a dedup window store fetch and put
 * (as lineage-stream's {@code event-ids}, keyed by a hash of the bytes, since decoding is not part
 * of the baseline), one keyed get and put of the record's bytes (as a run's state), one forwarded
 * record. lineage-stream at 50 % of this is the goal; passthrough (no state) is the other bound.
 */
public final class StatefulBaseline {

  public static final String TOPIC = "bench.stateful.v1";
  private static final String DEDUP = "bench-dedup";
  private static final String STATE = "bench-state";
  private static final Duration WINDOW = Duration.ofDays(7);

  private StatefulBaseline() {}

  static Topology topology() {
    final Topology topology = new Topology();
    topology.addSource(
        "source", new ByteArrayDeserializer(), new ByteArrayDeserializer(), Topics.EVENTS.name());
    topology.addProcessor("stateful", Step::new, "source");
    topology.addStateStore(
        Stores.windowStoreBuilder(
            Stores.persistentWindowStore(DEDUP, WINDOW.multipliedBy(2), WINDOW, false),
            Serdes.String(),
            Serdes.Long()),
        "stateful");
    topology.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(STATE), Serdes.ByteArray(), Serdes.ByteArray()),
        "stateful");
    topology.addSink(
        "sink", TOPIC, new ByteArraySerializer(), new ByteArraySerializer(), "stateful");
    return topology;
  }

  /** One record: dedup fetch + put, state get + put, one forward. */
  private static final class Step implements Processor<byte[], byte[], byte[], byte[]> {
    private ProcessorContext<byte[], byte[]> context;
    private WindowStore<String, Long> dedup;
    private KeyValueStore<byte[], byte[]> state;

    @Override
    public void init(final ProcessorContext<byte[], byte[]> context) {
      this.context = context;
      this.dedup = context.getStateStore(DEDUP);
      this.state = context.getStateStore(STATE);
    }

    @Override
    public void process(final Record<byte[], byte[]> record) {
      // 128 bits (MD5), 36 characters like an eventId: a 32-bit hash collides within ~64,000
      // records and the baseline would then drop a distinct event as a duplicate.
      final String id = UUID.nameUUIDFromBytes(record.value()).toString();
      final Instant at = Instant.ofEpochMilli(record.timestamp());
      try (WindowStoreIterator<Long> seen = dedup.fetch(id, at.minus(WINDOW), at)) {
        if (seen.hasNext()) {
          return;
        }
      }
      dedup.put(id, record.timestamp(), record.timestamp());
      final byte[] before = state.get(record.key());
      final int size = before == null ? 0 : Math.min(before.length, 64);
      state.put(
          record.key(),
          ByteBuffer.allocate(size + record.value().length)
              .put(before == null ? new byte[0] : Arrays.copyOf(before, size))
              .put(record.value())
              .array());
      context.forward(record);
    }
  }
}
