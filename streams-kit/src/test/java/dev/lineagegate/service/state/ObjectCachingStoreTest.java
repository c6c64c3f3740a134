package dev.lineagegate.service.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.lineagegate.avro.graph.Determinism;
import dev.lineagegate.avro.graph.RunDigest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ObjectCachingStoreTest {

  private static final int LIMIT = 400;
  private static final Determinism SMALL = determinism("recipe-1", 1);
  private static final Determinism OTHER = determinism("recipe-2", 1);

  private final Serde<Determinism> serde = avro();

  private final KeyValueStore<String, byte[]> bytesBelow =
      Stores.keyValueStoreBuilder(
              Stores.inMemoryKeyValueStore("nodes"), Serdes.String(), Serdes.ByteArray())
          .withLoggingDisabled()
          .build();
  private ObjectCachingStore<Determinism> store;

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void shouldWriteToTheStoreBelowOnlyWhenFlushed() {
    // Given a store keeping values decoded
    store = open(1 << 20);

    // When a value is written
    store.put("a", SMALL);

    // Then it is read back at once, and reaches the store below when Streams flushes
    assertThat(store.get("a")).isEqualTo(SMALL);
    assertThat(below("a")).isNull();
    store.flush();
    assertThat(below("a")).isEqualTo(SMALL);
  }

  @Test
  void shouldWriteToTheStoreBelowWhenStreamsFlushesCachesBeforeACommit() {
    // Given a value written
    store = open(1 << 20);
    store.put("a", SMALL);

    // When Kafka Streams flushes the caches of the task, before committing its transaction
    store.flushCache();

    // Then the store below has it (its changelog record goes out in that transaction)
    assertThat(below("a")).isEqualTo(SMALL);
  }

  @Test
  void shouldDropUnflushedWritesWhenStreamsClearsCaches() {
    // Given a value flushed, then a newer one not flushed
    store = open(1 << 20);
    store.put("a", SMALL);
    store.flushCache();
    store.put("a", OTHER);

    // When Kafka Streams clears the caches (the task is recycled between active and standby)
    store.clearCache();

    // Then the store holds what was flushed
    assertThat(store.get("a")).isEqualTo(SMALL);
  }

  @Test
  void shouldKeepWhatWasWrittenWhenACallerChangesAValueItReadOrWrote() {
    // Given a value written and read back
    store = open(1 << 20);
    final Determinism written = determinism("recipe-1", 1);
    store.put("a", written);
    final Determinism read = store.get("a");

    // When both objects are changed without being written again
    read.setRecipe("changed-after-get");
    written.setName("changed-after-put");

    // Then the store still holds what was written, in memory and below
    assertThat(store.get("a")).isEqualTo(SMALL);
    store.flush();
    assertThat(below("a")).isEqualTo(SMALL);
  }

  @Test
  void shouldRefuseAValueOverTheLimitAndKeepThePreviousOne() {
    // Given a key with a small value
    store = open(1 << 20);
    store.put("a", SMALL);

    // When a value whose encoding is over the limit is written
    final Determinism big = determinism("recipe-1", 20);
    final Throwable refused = catchThrowable(() -> store.put("a", big));

    // Then it is refused as the bounded serde refuses it, and the previous value stays
    assertThat(refused)
        .isInstanceOf(StateLimitException.class)
        .hasMessageStartingWith("Determinism would be ")
        .hasMessageEndingWith(" bytes, over its limit of 400 bytes");
    assertThat(store.get("a")).isEqualTo(SMALL);
  }

  @Test
  void shouldWriteTheSerdesBytesWhenOnlySomeFieldsAndItemsChanged() {
    // Given a value written, then values derived from it: an item replaced, one added, one
    // removed, a field changed, the list emptied
    store = open(1 << 20);
    final Determinism first = determinism("recipe-1", 3);
    store.put("a", first);
    final List<RunDigest> replaced = new ArrayList<>(store.get("a").getRuns());
    replaced.set(1, new RunDigest("run-with-a-longer-id", "sha256:" + "1".repeat(64)));
    replaced.add(new RunDigest("run-9", "sha256:" + "2".repeat(64)));
    final List<Determinism> versions =
        List.of(
            new Determinism("recipe-1", "models/m", replaced),
            new Determinism("recipe-1", "models/renamed", replaced),
            new Determinism("recipe-1", "models/renamed", replaced.subList(1, 3)),
            new Determinism("recipe-1", "models/renamed", List.of()));

    for (final Determinism next : versions) {
      // When each is written over the previous one
      final Determinism read = store.get("a");
      read.setName(next.getName());
      read.setRuns(next.getRuns());
      store.put("a", read);
      store.flushCache();

      // Then the store below holds exactly the bytes the serde writes for it
      assertThat(bytesBelow.get("a")).isEqualTo(serde.serializer().serialize("nodes", next));
    }
  }

  @Test
  void shouldWriteAnEvictedValueToTheStoreBelowWhenOverBudget() {
    // Given a budget for about one value
    final long one = serde.serializer().serialize("nodes", SMALL).length + KeptValues.OVERHEAD + 2;
    store = open(one + one / 2);
    store.put("a", SMALL);

    // When a second key is written
    store.put("b", OTHER);

    // Then the first, least recently used, was written below to make room; both read back
    assertThat(below("a")).isEqualTo(SMALL);
    assertThat(below("b")).isNull();
    assertThat(store.get("a")).isEqualTo(SMALL);
    assertThat(store.get("b")).isEqualTo(OTHER);
  }

  @Test
  void shouldKeepABoundedNumberOfKeysWhenManyAreReadButNeverWritten() {
    // Given a budget of 64 KiB and a value written (so that this thread is the store's)
    store = open(64 * 1024);
    store.put("a", SMALL);

    // When 100,000 keys that have no value are read
    for (int i = 0; i < 100_000; i++) {
      assertThat(store.get("absent-" + i)).isNull();
    }

    // Then only as many are kept as their bookkeeping fits in the budget, and the value stays
    assertThat(store.keptEntries()).isBetween(100, 1_000);
    assertThat(store.get("a")).isEqualTo(SMALL);
  }

  @Test
  void shouldServeAnotherThreadWhatWasLastFlushed() throws Exception {
    // Given a value written by the stream thread, not flushed yet
    store = open(1 << 20);
    store.put("a", SMALL);

    // When another thread (an interactive query) reads it, before and after the flush
    final Determinism before = CompletableFuture.supplyAsync(() -> store.get("a")).get();
    store.flush();
    final Determinism after = CompletableFuture.supplyAsync(() -> store.get("a")).get();

    // Then it sees the store below: nothing, then the value
    assertThat(before).isNull();
    assertThat(after).isEqualTo(SMALL);
  }

  @Test
  void shouldSeeItsOwnWritesAndDeletesInARangeScan() {
    // Given two values flushed, then one deleted and one added
    store = open(1 << 20);
    store.put("a", SMALL);
    store.put("b", OTHER);
    store.flush();
    store.delete("a");
    store.put("c", SMALL);

    // When the writing thread scans the store
    final List<KeyValue<String, Determinism>> all = new ArrayList<>();
    try (KeyValueIterator<String, Determinism> it = store.all()) {
      it.forEachRemaining(all::add);
    }

    // Then it sees its own changes
    assertThat(all).containsExactly(KeyValue.pair("b", OTHER), KeyValue.pair("c", SMALL));
    assertThat(store.get("a")).isNull();
  }

  @Test
  void shouldDropUnflushedWritesWhenTheStoreIsInitialisedAgain() {
    // Given a value flushed, then a newer one not flushed (a transaction that will abort)
    store = open(1 << 20);
    store.put("a", SMALL);
    store.flush();
    store.put("a", OTHER);

    // When the task is revived (its stores initialised again)
    store.init(new MockProcessorContext<>().getStateStoreContext(), store);

    // Then the store holds what was flushed
    assertThat(store.get("a")).isEqualTo(SMALL);
  }

  /** What the store below holds for {@code key}, decoded. */
  private Determinism below(final String key) {
    final byte[] bytes = bytesBelow.get(key);
    return bytes == null ? null : serde.deserializer().deserialize("nodes", bytes);
  }

  private ObjectCachingStore<Determinism> open(final long budget) {
    final ObjectCachingStore<Determinism> opened =
        new ObjectCachingStore<>(bytesBelow, serde, Determinism::new, "Determinism", LIMIT, budget);
    opened.init(new MockProcessorContext<>().getStateStoreContext(), opened);
    return opened;
  }

  private static Determinism determinism(final String recipe, final int runs) {
    return new Determinism(
        recipe,
        "models/m",
        IntStream.range(0, runs)
            .mapToObj(i -> new RunDigest("run-" + i, "sha256:" + "0".repeat(64)))
            .toList());
  }

  /** The Confluent wire format with a fixed schema id: no registry needed to round-trip. */
  private static Serde<Determinism> avro() {
    final SpecificDatumWriter<Determinism> writer = new SpecificDatumWriter<>(Determinism.class);
    final SpecificDatumReader<Determinism> reader = new SpecificDatumReader<>(Determinism.class);
    return Serdes.serdeFrom(
        (topic, value) -> {
          final ByteArrayOutputStream out = new ByteArrayOutputStream();
          out.writeBytes(new byte[] {0, 0, 0, 0, 42});
          final BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
          try {
            writer.write(value, encoder);
            encoder.flush();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          return out.toByteArray();
        },
        (topic, bytes) -> {
          final BinaryDecoder decoder =
              DecoderFactory.get().binaryDecoder(bytes, 5, bytes.length - 5, null);
          try {
            return reader.read(null, decoder);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }
}
