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
import org.apache.kafka.common.serialization.Serializer;
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
  private final KeyValueStore<String, Determinism> below =
      Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("nodes"), Serdes.String(), serde)
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
    assertThat(below.get("a")).isNull();
    store.flush();
    assertThat(below.get("a")).isEqualTo(SMALL);
  }

  @Test
  void shouldWriteToTheStoreBelowWhenStreamsFlushesCachesBeforeACommit() {
    // Given a value written
    store = open(1 << 20);
    store.put("a", SMALL);

    // When Kafka Streams flushes the caches of the task, before committing its transaction
    store.flushCache();

    // Then the store below has it (its changelog record goes out in that transaction)
    assertThat(below.get("a")).isEqualTo(SMALL);
  }

  @Test
  void shouldDropUnflushedWritesWhenStreamsClearsCaches() {
    // Given a value flushed, then a newer one not flushed
    store = open(1 << 20);
    store.put("a", SMALL);
    store.flushCache();
    store.put("a", OTHER);

    // When Kafka Streams clears the caches (the transaction aborted)
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
    assertThat(below.get("a")).isEqualTo(SMALL);
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
  void shouldAcceptAValueWhoseEstimateIsOverTheLimitButNotItsEncoding() {
    // Given a value the estimate puts over the limit (3 bytes a character) but that fits
    store = open(1 << 20);
    final Determinism fits = determinism("r".repeat(300), 0);
    assertThat(AvroSizes.upperBound(fits)).isGreaterThan(LIMIT);

    // When it is written
    store.put("a", fits);

    // Then it is kept
    store.flush();
    assertThat(below.get("a")).isEqualTo(fits);
  }

  @Test
  void shouldWriteAnEvictedValueToTheStoreBelowWhenOverBudget() {
    // Given a budget for about one value
    final long one = AvroSizes.upperBound(SMALL) + 16;
    store = open(one + one / 2);
    store.put("a", SMALL);

    // When a second key is written
    store.put("b", OTHER);

    // Then the first, least recently used, was written below to make room; both read back
    assertThat(below.get("a")).isEqualTo(SMALL);
    assertThat(below.get("b")).isNull();
    assertThat(store.get("a")).isEqualTo(SMALL);
    assertThat(store.get("b")).isEqualTo(OTHER);
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

  private ObjectCachingStore<Determinism> open(final long budget) {
    final Serializer<Determinism> exact =
        BoundedSerde.serializer(serde.serializer(), LIMIT, "Determinism");
    final ObjectCachingStore<Determinism> opened =
        new ObjectCachingStore<>(below, Determinism::new, exact, LIMIT, budget);
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

  /** Plain Avro binary, no registry: the store only needs a serde that round-trips. */
  private static Serde<Determinism> avro() {
    final SpecificDatumWriter<Determinism> writer = new SpecificDatumWriter<>(Determinism.class);
    final SpecificDatumReader<Determinism> reader = new SpecificDatumReader<>(Determinism.class);
    return Serdes.serdeFrom(
        (topic, value) -> {
          final ByteArrayOutputStream out = new ByteArrayOutputStream();
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
          final BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, null);
          try {
            return reader.read(null, decoder);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }
}
