package dev.lineagegate.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lineagegate.avro.ExecutionEvent;
import dev.lineagegate.schema.registry.Compatibility;
import dev.lineagegate.schema.registry.IncompatibleSchemaException;
import dev.lineagegate.schema.registry.SchemaRegistryClient;
import dev.lineagegate.schema.serde.AvroDeserializer;
import dev.lineagegate.schema.serde.AvroSerializer;
import dev.lineagegate.schema.serde.SerdeFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * BACKWARD evolution on the real registry: an added optional field registers and old records still
 * read; an added required field is refused with the registry's message.
 */
class SchemaEvolutionIT {

  private static final String TOPIC = "evolution-events";
  private static final String SUBJECT = TOPIC + "-value";

  @Test
  void shouldGiveEveryWriterTheSameIdWhenTheyRegisterANewSubjectAtOnce() throws Exception {
    // Given eight writers with clients of their own (as stream threads have) and a new subject
    final RealStack stack = RealStack.shared();
    final String subject = "race-" + java.util.UUID.randomUUID() + "-value";
    final java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(8);
    try {
      final java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
      final List<java.util.concurrent.Future<Integer>> ids = new java.util.ArrayList<>();
      for (int i = 0; i < 8; i++) {
        final SchemaRegistryClient client = stack.serdes().registry();
        ids.add(
            pool.submit(
                () -> {
                  go.await();
                  return client.register(subject, ExecutionEvent.getClassSchema());
                }));
      }

      // When they all register the same schema at the same moment
      go.countDown();

      // Then none is refused (the registry's 409 "already exists" is a lost race, not an
      // incompatibility) and all get the one id
      final java.util.Set<Integer> distinct = new java.util.HashSet<>();
      for (final java.util.concurrent.Future<Integer> id : ids) {
        distinct.add(id.get());
      }
      assertThat(distinct).hasSize(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void shouldEvolveBackwardWhenFieldIsOptionalAndRefuseWhenRequired() throws Exception {
    // Given a subject at BACKWARD holding v1 (the ExecutionEvent contract) and one v1 record
    final RealStack stack = RealStack.shared();
    stack.kafka().createTopics(1, TOPIC);
    final SerdeFactory serdes = stack.serdes();
    final SchemaRegistryClient registry = serdes.registry();
    registry.setCompatibility(SUBJECT, Compatibility.BACKWARD);
    assertThat(registry.compatibility(SUBJECT)).isEqualTo(Compatibility.BACKWARD);
    final ExecutionEvent v1Record = TestEvents.trainStart();
    TopicIO.produce(
        stack.kafka(),
        TOPIC,
        TestEvents.TRAIN_RUN,
        v1Record,
        new StringSerializer(),
        serdes.avro(ExecutionEvent.class).serializer());
    final int v1Id = registry.register(SUBJECT, ExecutionEvent.getClassSchema());

    // When v2 adds an optional field
    final Schema v2 = withField(ExecutionEvent.getClassSchema(), optionalNote());
    // Then it is compatible and registers under a new id
    assertThat(registry.isCompatible(SUBJECT, v2)).isTrue();
    final int v2Id = registry.register(SUBJECT, v2);
    assertThat(v2Id).isNotEqualTo(v1Id);

    // And the v1 record reads as v2, the new field at its default
    final List<GenericRecord> oldRecords =
        readAll(
            stack, 1, AvroDeserializer.generic(new SchemaRegistryClient(registry.config()), v2));
    assertThat(oldRecords).hasSize(1);
    final GenericRecord oldAsV2 = oldRecords.get(0);
    assertThat(oldAsV2.getSchema()).isEqualTo(v2);
    assertThat(oldAsV2.get("note")).isNull();
    assertThat(oldAsV2.get("eventId").toString()).isEqualTo(TestEvents.START_EVENT);

    // And a v2 record written next to it reads back into the v1 class, the new field dropped
    oldAsV2.put("note", "written by v2");
    TopicIO.produce(
        stack.kafka(),
        TOPIC,
        TestEvents.TRAIN_RUN,
        oldAsV2,
        new StringSerializer(),
        new AvroSerializer<GenericRecord>(registry));
    final List<ExecutionEvent> asV1 =
        readAll(
            stack,
            2,
            AvroDeserializer.specific(
                new SchemaRegistryClient(registry.config()), ExecutionEvent.class));
    assertThat(asV1).containsExactly(v1Record, v1Record);

    // When v3 adds a required field without a default
    final Schema v3 = withField(v2, requiredTeam());
    // Then it is incompatible, refused with the registry's own message, and nothing is added
    assertThat(registry.isCompatible(SUBJECT, v3)).isFalse();
    assertThatThrownBy(() -> registry.register(SUBJECT, v3))
        .isInstanceOf(IncompatibleSchemaException.class)
        .hasMessageStartingWith(
            "schema refused by the registry as incompatible with subject " + SUBJECT + ": ")
        .satisfies(e -> assertThat(((IncompatibleSchemaException) e).status()).isEqualTo(409));
    assertThat(versions()).isEqualTo("[1,2]");

    // And registering v1 again is idempotent: same id, no new version (fresh client, no cache)
    assertThat(
            new SchemaRegistryClient(registry.config())
                .register(SUBJECT, ExecutionEvent.getClassSchema()))
        .isEqualTo(v1Id);
    assertThat(versions()).isEqualTo("[1,2]");
  }

  private static <T> List<T> readAll(
      final RealStack stack,
      final int count,
      final org.apache.kafka.common.serialization.Deserializer<T> values) {
    return TopicIO.consume(stack.kafka(), TOPIC, count, new StringDeserializer(), values).stream()
        .map(ConsumerRecord::value)
        .toList();
  }

  private static Schema withField(final Schema schema, final ObjectNode field) throws Exception {
    final ObjectMapper mapper = new ObjectMapper();
    final ObjectNode json = (ObjectNode) mapper.readTree(schema.toString());
    ((ArrayNode) json.get("fields")).add(field);
    return new Schema.Parser().parse(json.toString());
  }

  private static ObjectNode optionalNote() {
    final ObjectNode field = new ObjectMapper().createObjectNode().put("name", "note");
    field.putArray("type").add("null").add("string");
    field.putNull("default");
    return field;
  }

  private static ObjectNode requiredTeam() {
    return new ObjectMapper().createObjectNode().put("name", "team").put("type", "string");
  }

  private static String versions() throws Exception {
    final HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            RealStack.shared().registry().confluentApiUrl()
                                + "/subjects/"
                                + SUBJECT
                                + "/versions"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    return response.body().replace(" ", "");
  }
}
