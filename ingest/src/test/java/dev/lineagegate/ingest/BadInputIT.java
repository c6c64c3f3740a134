package dev.lineagegate.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lineagegate.avro.ExecutionEvent;
import dev.lineagegate.schema.DeadLetter;
import dev.lineagegate.schema.Topics;
import dev.lineagegate.schema.json.ExecutionEventJson;
import dev.lineagegate.schema.json.IsoTimes;
import dev.lineagegate.testkit.Http;
import dev.lineagegate.testkit.RealStack;
import dev.lineagegate.testkit.TestEvents;
import dev.lineagegate.testkit.TopicReader;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Input that broke ingest before issue #12 (500s, silently altered text, events too large to
 * process), on both HTTP paths and the bridge: each is refused with a 400 naming the field, or
 * dead-lettered, and nothing reaches {@code lineage.events.v1}.
 */
class BadInputIT {

  private static final ExecutionEventJson JSON = new ExecutionEventJson();
  private static final String BRIDGED = "openlineage.bad-input";
  private static final String OPENLINEAGE =
      """
      {"eventType": "%s", "eventTime": "%s", "producer": "https://p",
       "schemaURL": "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
       "run": {"runId": "3b8e7f52-1c4d-4e6f-9a0b-2c3d4e5f6a0%s"%s},
       "job": {"namespace": "spark://prod", "name": "%s"}}
      """;

  private static RealStack stack;
  private static IngestApp ingest;
  private static URI url;
  private static EventsTopic events;

  @BeforeAll
  static void start() {
    stack = RealStack.shared();
    stack.kafka().createTopics(3, Topics.EVENTS.name(), Topics.EVENTS_DLQ.name(), BRIDGED);
    ingest =
        IngestApp.start(
            IngestIT.builder(stack)
                .bridge(new IngestConfig.Bridge(true, BRIDGED, "bad-input-bridge-it"))
                .build());
    url = ingest.url();
    events = new EventsTopic(stack.kafka(), stack.serdes());
  }

  @AfterAll
  static void stop() {
    ingest.close();
  }

  @Test
  void shouldAnswer400NamingTheTimeWhenItIsNotStrictRfc3339() throws Exception {
    // Given a native event and an OpenLineage one with a year Avro's millis cannot hold (a 500
    // before), and a native one with an empty fraction (accepted before)
    final Map<TopicPartition, Long> before = events.endOffsets();
    final String nativeEvent =
        JSON.writeString(TestEvents.minimalStart())
            .replace("2026-11-22T10:00:00Z", "-292275056-01-01T00:00:00Z");
    // When
    final Http.Answer tooEarly = post("/v1/events", nativeEvent);
    final Http.Answer emptyFraction =
        post("/v1/events", JSON.writeString(TestEvents.minimalStart()).replace(":00Z", ":00.Z"));
    final Http.Answer openLineage =
        post("/api/v1/lineage", openLineage("START", "-292275056-01-01T00:00:00Z", 1, "", "t"));
    // Then
    assertThat(errors(tooEarly)).containsExactly("/eventTime: " + IsoTimes.EXPECTED);
    assertThat(errors(emptyFraction)).containsExactly("/eventTime: " + IsoTimes.EXPECTED);
    assertThat(errors(openLineage)).singleElement().asString().startsWith("/eventTime: must be");
    assertThat(events.endOffsets()).isEqualTo(before);
  }

  @Test
  void shouldAnswer400NamingTheStringWhenTheBodyIsNotUtf8() throws Exception {
    // Given an overlong "/" in a native output name and a code point beyond U+10FFFF in an
    // OpenLineage job name: both used to arrive altered
    final Map<TopicPartition, Long> before = events.endOffsets();
    final byte[] nativeBody =
        withBytes(
            JSON.writeString(TestEvents.trainComplete()).replace("model:churn", "model:\u0001"),
            "c0af");
    final byte[] openLineageBody =
        withBytes(openLineage("START", "2026-11-22T10:00:00Z", 2, "", "train\u0001"), "f4908080");
    // When
    final Http.Answer nativeAnswer = Http.post(url, "/v1/events", "application/json", nativeBody);
    final Http.Answer openLineageAnswer =
        Http.post(url, "/api/v1/lineage", "application/json", openLineageBody);
    // Then the pointer of the string that holds the bytes, and where they are
    assertThat(errors(nativeAnswer))
        .singleElement()
        .asString()
        .startsWith("/outputs/0/name: is not valid UTF-8 (byte ");
    assertThat(errors(openLineageAnswer))
        .singleElement()
        .asString()
        .startsWith("/job/name: is not valid UTF-8 (byte ");
    assertThat(events.endOffsets()).isEqualTo(before);
  }

  @Test
  void shouldAnswer400WhenANameHasAControlCharacterOrAKeyRepeats() throws Exception {
    // Given a NUL in a native output name and in an OpenLineage job name, and a repeated key
    final Map<TopicPartition, Long> before = events.endOffsets();
    final String nul =
        JSON.writeString(TestEvents.trainComplete()).replace("model:churn", "model:\\u0000churn");
    final String repeated =
        JSON.writeString(TestEvents.minimalStart())
            .replace("\"step\":", "\"step\":\"a\",\"step\":");
    // When
    final Http.Answer nativeAnswer = post("/v1/events", "[" + nul + "]");
    final Http.Answer openLineage =
        post(
            "/api/v1/lineage", openLineage("START", "2026-11-22T10:00:00Z", 3, "", "tr\\u0000ain"));
    final Http.Answer repeatedAnswer = post("/v1/events", repeated);
    // Then
    assertThat(errors(nativeAnswer))
        .containsExactly(
            "/0/outputs/0/name: contains a control character (U+0000 at index 6): names may not"
                + " contain control characters");
    assertThat(errors(openLineage))
        .singleElement()
        .asString()
        .startsWith("/run/step: contains a control character (U+0000");
    assertThat(errors(repeatedAnswer))
        .containsExactly("/run/step: is a repeated key: each key may appear once in an object");
    assertThat(events.endOffsets()).isEqualTo(before);
  }

  @Test
  void shouldAnswer400WhenAFieldIsOverItsLimitThoughTheBodyFits() throws Exception {
    // Given the two events of issue #12 that stopped all processing once accepted: a COMPLETE
    // with a 600 KB output name, a START with a 400 KB producer; and OpenLineage's 400 KB producer
    final Map<TopicPartition, Long> before = events.endOffsets();
    final String name = "s3://b/" + "n".repeat(600_000);
    final String producer = "https://p/" + "p".repeat(400_000);
    // When
    final Http.Answer output =
        post(
            "/v1/events",
            JSON.writeString(TestEvents.trainComplete()).replace("model:churn", name));
    final Http.Answer start =
        post(
            "/v1/events",
            JSON.writeString(TestEvents.trainStart())
                .replace("https://lineage-gate.dev/testkit", producer));
    final Http.Answer openLineage =
        post(
            "/api/v1/lineage",
            openLineage("START", "2026-11-22T10:00:00Z", 4, "", "train")
                .replace("https://p", producer));
    // Then each names the field, its length and the limit
    assertThat(errors(output))
        .contains("/outputs/0/name: is 600007 characters, longer than the 1024 allowed");
    assertThat(errors(start))
        .contains("/producer: is 400010 characters, longer than the 2048 allowed");
    assertThat(errors(openLineage))
        .contains("/producer: is 400010 characters, longer than the 2048 allowed");
    assertThat(events.endOffsets()).isEqualTo(before);
  }

  @Test
  void shouldMapADeletedFacetAsAbsentWhenOpenLineageSendsOne() throws Exception {
    // Given a COMPLETE whose deleted test facet has a test without name (a 500 before)
    final Map<TopicPartition, Long> before = events.endOffsets();
    final String facets =
        ", \"facets\": {\"test\": {\"_producer\": \"https://p\", \"_schemaURL\": \"https://s\","
            + " \"_deleted\": true, \"tests\": [{\"status\": \"fail\"}]}}";
    // When
    final Http.Answer answer =
        post("/api/v1/lineage", openLineage("COMPLETE", "2026-11-22T10:00:00Z", 5, facets, "t"));
    // Then accepted, and mapped without any check
    assertThat(answer.status()).as(answer.text()).isEqualTo(201);
    final List<ConsumerRecord<String, ExecutionEvent>> records = events.readSince(before, 1);
    assertThat(records.get(0).value().getChecks()).isEmpty();
  }

  @Test
  void shouldDeadLetterAndGoOnWhenTheBridgeReadsBadInput() throws Exception {
    // Given on the OpenLineage topic: invalid UTF-8, a NUL in a job name, then a valid event
    final Map<TopicPartition, Long> before = events.endOffsets();
    final Map<TopicPartition, Long> dlqBefore =
        new TopicReader(stack.kafka()).endOffsets(Topics.EVENTS_DLQ.name());
    final byte[] notUtf8 =
        withBytes(openLineage("START", "2026-11-22T10:00:00Z", 6, "", "a\u0001"), "c0af");
    final byte[] nul = utf8(openLineage("START", "2026-11-22T10:00:00Z", 7, "", "a\\u0000b"));
    final byte[] valid = utf8(openLineage("START", "2026-11-22T10:00:00Z", 8, "", "train"));
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(
            stack.kafka().producerConfig(), new ByteArraySerializer(), new ByteArraySerializer())) {
      // When
      for (final byte[] value : List.of(notUtf8, nul, valid)) {
        producer.send(new ProducerRecord<>(BRIDGED, 0, null, value)).get();
      }
    }
    // Then the two bad ones are dead-lettered, bytes unchanged, with why; the valid one bridged
    final List<ConsumerRecord<byte[], byte[]>> dead =
        new TopicReader(stack.kafka())
            .readSince(
                Topics.EVENTS_DLQ.name(),
                dlqBefore,
                2,
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    assertThat(dead).extracting(ConsumerRecord::value).containsExactlyInAnyOrder(notUtf8, nul);
    for (final ConsumerRecord<byte[], byte[]> letter : dead) {
      assertThat(DeadLetter.header(letter.headers(), DeadLetter.MESSAGE))
          .contains(
              Arrays.equals(letter.value(), notUtf8)
                  ? "/job/name: is not valid UTF-8"
                  : "/run/step: contains a control character (U+0000");
      assertThat(DeadLetter.header(letter.headers(), DeadLetter.TOPIC)).isEqualTo(BRIDGED);
    }
    assertThat(events.readSince(before, 1))
        .extracting(r -> r.value().getRun().getStep())
        .containsExactly("spark://prod/train");
  }

  /** An OpenLineage RunEvent: type, time, last digit of its runId, run facets JSON, job name. */
  private static String openLineage(
      final String type, final String time, final int run, final String facets, final String job) {
    return OPENLINEAGE.formatted(type, time, run, facets, job);
  }

  /** {@code text} as UTF-8, with the control character U+0001 replaced by the bytes of hex. */
  private static byte[] withBytes(final String text, final String hex) {
    final String[] parts = text.split("\u0001", 2);
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(utf8(parts[0]));
    out.writeBytes(HexFormat.of().parseHex(hex));
    out.writeBytes(utf8(parts[1]));
    return out.toByteArray();
  }

  private static byte[] utf8(final String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static Http.Answer post(final String path, final String body) throws Exception {
    return Http.post(url, path, "application/json", body);
  }

  /** The 400's errors as "pointer: detail". */
  private static List<String> errors(final Http.Answer answer) {
    assertThat(answer.status()).as(answer.text()).isEqualTo(400);
    assertThat(answer.contentType()).startsWith("application/problem+json");
    final JsonNode errors = answer.json().path("errors");
    return StreamSupport.stream(errors.spliterator(), false)
        .map(e -> e.path("pointer").asText() + ": " + e.path("detail").asText())
        .toList();
  }
}
