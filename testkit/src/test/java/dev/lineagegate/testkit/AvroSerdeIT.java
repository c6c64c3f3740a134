package dev.lineagegate.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lineagegate.avro.ExecutionEvent;
import dev.lineagegate.avro.Verdict;
import dev.lineagegate.schema.Topic;
import dev.lineagegate.schema.Topics;
import dev.lineagegate.schema.registry.UnknownSchemaIdException;
import dev.lineagegate.schema.serde.SerdeFactory;
import dev.lineagegate.schema.serde.WireFormat.WireFormatException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The serde of every contract, through a real topic on a real broker with a real registry. */
class AvroSerdeIT {

  private static RealStack stack;
  private static SerdeFactory serdes;

  @BeforeAll
  static void startStack() {
    stack = RealStack.shared();
    serdes = stack.serdes();
    stack.kafka().createTopics(3, Topics.ALL.stream().map(Topic::name).toArray(String[]::new));
  }

  @Test
  void shouldRoundTripEveryContractWhenSentThroughItsTopic() throws Exception {
    assertRoundTrip(Topics.EVENTS, TestEvents.TRAIN_RUN, TestEvents.trainComplete());
    assertRoundTrip(Topics.VERDICTS, TestEvents.MODEL_V1.value(), TestEvents.modelVerdict());
    assertRoundTrip(Topics.ALERTS, TestEvents.MODEL_V1.value(), TestEvents.modelAlert());
    assertRoundTrip(Topics.DECISIONS, TestEvents.MODEL_V1.value(), TestEvents.modelDecision());
  }

  @Test
  void shouldLetAvroWordTheErrorAndStayUsableWhenARequiredValueIsMissing() {
    // Given an event without its required run.step (the hand-written encoder gives up midway)
    final Serde<ExecutionEvent> serde = serdes.valueSerde(Topics.EVENTS);
    final ExecutionEvent broken = TestEvents.trainComplete();
    broken.getRun().setStep(null);
    // Then Avro's own writer reports it
    assertThatThrownBy(() -> serde.serializer().serialize(Topics.EVENTS.name(), broken))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("step");
    // And the next event on this thread is written whole, without leftovers of the failed one
    final ExecutionEvent event = TestEvents.trainComplete();
    final byte[] bytes = serde.serializer().serialize(Topics.EVENTS.name(), event);
    assertThat(serde.deserializer().deserialize(Topics.EVENTS.name(), bytes)).isEqualTo(event);
  }

  @Test
  void shouldWriteConfluentWireFormatWhenSerializing() throws Exception {
    // Given an event written by the serde to a topic of its own
    final String topic = "wire-format-check";
    stack.kafka().createTopics(1, topic);
    final Serde<ExecutionEvent> serde = serdes.valueSerde(Topics.EVENTS);
    TopicIO.produce(
        stack.kafka(),
        topic,
        TestEvents.TRAIN_RUN,
        TestEvents.trainStart(),
        serdes.keySerde(Topics.EVENTS).serializer(),
        serde.serializer());
    // When the raw bytes are read back
    final byte[] bytes =
        TopicIO.consume(
                stack.kafka(), topic, 1, new ByteArrayDeserializer(), new ByteArrayDeserializer())
            .get(0)
            .value();
    // Then, decoded by hand: magic byte 0, a 4-byte big-endian id the registry knows, Avro binary
    assertThat(bytes[0]).isEqualTo((byte) 0);
    final int id = ByteBuffer.wrap(bytes, 1, 4).getInt();
    final Schema writer = new Schema.Parser().parse(schemaTextById(id));
    assertThat(writer).isEqualTo(ExecutionEvent.getClassSchema());
    final GenericRecord decoded =
        new GenericDatumReader<GenericRecord>(writer)
            .read(null, DecoderFactory.get().binaryDecoder(bytes, 5, bytes.length - 5, null));
    assertThat(decoded.get("eventId").toString()).isEqualTo(TestEvents.START_EVENT);
    assertThat(decoded.get("eventType").toString()).isEqualTo("START");
    // timestamp-millis decodes as an Instant even generically: see AvroCompat
    assertThat(decoded.get("eventTime")).isEqualTo(TestEvents.T0);
    assertThat(((GenericRecord) decoded.get("run")).get("runId").toString())
        .isEqualTo(TestEvents.TRAIN_RUN);
    assertThat(decoded.get("seed")).isEqualTo(42L);
    // and the subject is <topic>-value
    assertThat(serdes.registry().subjects()).contains(topic + "-value");
  }

  @Test
  void shouldNameTheIdWhenSchemaIdIsUnknown() {
    final byte[] bytes = {0, 0x7f, 0x7f, 0x7f, 0x7f, 2, 'x'};
    assertThatThrownBy(
            () -> serdes.valueSerde(Topics.EVENTS).deserializer().deserialize("t", bytes))
        .isInstanceOf(UnknownSchemaIdException.class)
        .hasMessageStartingWith("schema id 2139062143 is not known to the registry: ");
  }

  @Test
  void shouldRefuseWhenMagicByteIsUnknown() {
    final byte[] bytes = "{\"eventId\":\"x\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    assertThatThrownBy(
            () -> serdes.valueSerde(Topics.EVENTS).deserializer().deserialize("t", bytes))
        .isInstanceOf(WireFormatException.class)
        .hasMessageStartingWith("unknown magic byte 0x7b on topic t");
  }

  @Test
  void shouldFailClearlyWhenAutoRegisterIsOffAndSchemaIsMissing() {
    final SerdeFactory strict =
        new SerdeFactory(stack.registry().registryConfig().withAutoRegister(false));
    assertThatThrownBy(
            () ->
                strict
                    .valueSerde(Topics.ALERTS)
                    .serializer()
                    .serialize("never-registered", TestEvents.modelAlert()))
        .hasMessage(
            "schema dev.lineagegate.avro.Alert is not registered under never-registered-value"
                + " and auto-registration is off: register it first");
  }

  @Test
  void shouldKeepTombstonesWhenValueIsNull() {
    final Serde<Verdict> serde = serdes.valueSerde(Topics.VERDICTS);
    assertThat(serde.serializer().serialize("t", null)).isNull();
    assertThat(serde.deserializer().deserialize("t", null)).isNull();
  }

  private static <V extends SpecificRecord> void assertRoundTrip(
      final Topic<String, V> topic, final String key, final V value) throws Exception {
    // Given / When
    TopicIO.produce(
        stack.kafka(),
        topic.name(),
        key,
        value,
        serdes.keySerde(topic).serializer(),
        serdes.valueSerde(topic).serializer());
    // Then the one record read back equals the one written, and nothing else is there
    final List<ConsumerRecord<String, V>> records =
        TopicIO.consume(
            stack.kafka(),
            topic.name(),
            1,
            serdes.keySerde(topic).deserializer(),
            stack.serdes().valueSerde(topic).deserializer());
    assertThat(records).hasSize(1);
    assertThat(records.get(0).key()).isEqualTo(key);
    assertThat(records.get(0).value()).isEqualTo(value);
  }

  private static String schemaTextById(final int id) throws Exception {
    final HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(stack.registry().confluentApiUrl() + "/schemas/ids/" + id))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return new ObjectMapper().readTree(response.body()).path("schema").asText();
  }
}
