package dev.lineagegate.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lineagegate.avro.ExecutionEvent;
import dev.lineagegate.ingest.bridge.OpenLineageBridge;
import dev.lineagegate.ingest.openlineage.OpenLineageRecord;
import dev.lineagegate.schema.DeadLetter;
import dev.lineagegate.schema.Topics;
import dev.lineagegate.testkit.Http;
import dev.lineagegate.testkit.RealStack;
import dev.lineagegate.testkit.TestEvents;
import dev.lineagegate.testkit.TopicReader;
import io.openlineage.client.OpenLineage;
import io.openlineage.client.OpenLineageClient;
import io.openlineage.client.OpenLineageClientUtils;
import io.openlineage.client.transports.HttpConfig;
import io.openlineage.client.transports.HttpTransport;
import io.openlineage.client.transports.KafkaConfig;
import io.openlineage.client.transports.KafkaTransport;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * OpenLineage integrations unchanged: the real openlineage-java client, its HTTP transport against
 * ingest and its Kafka transport through the bridge, on the real broker and registry.
 */
class OpenLineageIT {

  private static final URI PRODUCER = URI.create("https://github.com/OpenLineage/OpenLineage");
  private static final OpenLineage OL = new OpenLineage(PRODUCER);
  private static final String RUN_ID = "0192f1a8-7c3e-7b1d-9a5e-2b6c8d0e1f23";
  private static RealStack stack;
  private static IngestApp ingest;
  private static EventsTopic events;

  @BeforeAll
  static void start() {
    stack = RealStack.shared();
    stack
        .kafka()
        .createTopics(
            3,
            Topics.EVENTS.name(),
            Topics.EVENTS_DLQ.name(),
            Topics.OPENLINEAGE_METADATA.name(),
            "openlineage.events");
    ingest =
        IngestApp.start(
            IngestIT.builder(stack)
                .bridge(
                    new IngestConfig.Bridge(true, "openlineage.events", "openlineage-bridge-it"))
                .build());
    events = new EventsTopic(stack.kafka(), stack.serdes());
  }

  @AfterAll
  static void stop() {
    ingest.close();
  }

  @Test
  void shouldPublishMappedEventsWhenTheHttpTransportEmits() throws Exception {
    // Given OpenLineage's own client, configured with nothing but ingest's URL
    final HttpConfig http = new HttpConfig();
    http.setUrl(ingest.url());
    final OpenLineageClient client = new OpenLineageClient(new HttpTransport(http));
    final Map<TopicPartition, Long> before = events.endOffsets();
    final OpenLineage.RunEvent start = runEvent(OpenLineage.RunEvent.EventType.START);
    final OpenLineage.RunEvent complete = runEvent(OpenLineage.RunEvent.EventType.COMPLETE);
    // When it emits START and COMPLETE (it throws on anything but 2xx)
    client.emit(start);
    client.emit(complete);
    // Then both are on lineage.events.v1, as the mapping says, keyed by the OpenLineage runId
    final List<ConsumerRecord<String, ExecutionEvent>> records = events.readSince(before, 2);
    assertThat(records).extracting(ConsumerRecord::key).containsExactly(RUN_ID, RUN_ID);
    assertThat(records)
        .extracting(ConsumerRecord::value)
        .containsExactly(mapped(start), mapped(complete));
    assertThat(records.get(1).value().getOutputs().get(0).getDigest())
        .isEqualTo(TestEvents.MODEL_V1.value());
  }

  @Test
  void shouldAnswer201WithWarningsForInvalidFacetsAnd400WithoutRunIdWhenLenient() throws Exception {
    // Given the default (lenient) ingest, a DatasetEvent, the fluentd examples, the deliberately
    // invalid ones, and the warnings counted so far
    final String dataset =
        OpenLineageClientUtils.toJson(
            OL.newDatasetEventBuilder()
                .eventTime(ZonedDateTime.of(2026, 11, 22, 10, 0, 0, 0, ZoneOffset.UTC))
                .dataset(
                    OL.newStaticDatasetBuilder()
                        .namespace("s3://b")
                        .name("features.parquet")
                        .build())
                .build());
    final double ownershipBefore = warnings("ownership", "schema");
    // When / Then
    final Http.Answer recorded =
        Http.post(ingest.url(), "/api/v1/lineage", "application/json", dataset);
    assertThat(recorded.status()).isEqualTo(201);
    assertThat(recorded.json().path("events").get(0).path("topic").asText())
        .isEqualTo(Topics.OPENLINEAGE_METADATA.name());
    assertThat(recorded.json().path("warnings").isEmpty()).isTrue();
    for (final String valid : List.of("event_full.json", "event_simple.json")) {
      assertThat(post(fixture(valid)).status()).as(valid).isEqualTo(201);
    }
    final Http.Answer noRunId = post(fixture("event_no_run_id.json"));
    assertThat(noRunId.status()).isEqualTo(400);
    assertThat(noRunId.json().path("errors").toString()).contains("runId");
    // Each invalid facet is accepted like Marquez accepts it, the answer listing the problems:
    // the job's ownership facet, which the owner is read from, is left out of the mapping
    final Http.Answer job = post(fixture("event_invalid_job_facet.json"));
    assertThat(job.status()).isEqualTo(201);
    assertThat(job.json().path("events").get(0).path("topic").asText())
        .isEqualTo(Topics.EVENTS.name());
    assertThat(job.json().path("warnings").toString())
        .isEqualTo(
            "[{\"pointer\":\"/job/facets/ownership\",\"detail\":\"not read: a field"
                + " lineage-gate reads from this facet does not match the facet's schema, so the"
                + " event is mapped without the facet\"},"
                + "{\"pointer\":\"/job/facets/ownership/owners/0/name\",\"detail\":\"is"
                + " required (ownership job facet, OwnershipJobFacet)\"}]");
    for (final String invalid :
        List.of(
            "event_invalid_dataset_facet.json",
            "event_invalid_output_dataset_facet.json",
            "event_invalid_run_facet.json")) {
      final Http.Answer answer = post(fixture(invalid));
      assertThat(answer.status()).as(invalid).isEqualTo(201);
      assertThat(answer.json().path("warnings").get(0).path("pointer").asText())
          .as(invalid)
          .matches(".*/(facets|outputFacets)/.*");
    }
    // and counted per facet on /metrics (the job's and the dataset's ownership facet)
    assertThat(warnings("ownership", "schema")).isEqualTo(ownershipBefore + 2);
  }

  @Test
  void shouldAnswer400ForInvalidFacetsWhenStrict() throws Exception {
    // Given an ingest with ingest.openlineage.strict=true, and one that is strict about every
    // input facet too (ingest.openlineage.strict-input-facets=true)
    try (IngestApp strict =
            IngestApp.start(IngestIT.builder(stack).strictOpenLineage(true).build());
        IngestApp strictInputs =
            IngestApp.start(
                IngestIT.builder(stack).strictOpenLineage(true).strictInputFacets(true).build())) {
      // When / Then the invalid facets lineage-gate validates are refused as before, naming them
      for (final String invalid :
          List.of(
              "event_invalid_dataset_facet.json",
              "event_invalid_job_facet.json",
              "event_invalid_output_dataset_facet.json",
              "event_invalid_run_facet.json")) {
        final Http.Answer answer =
            Http.post(strict.url(), "/api/v1/lineage", "application/json", fixture(invalid));
        assertThat(answer.status()).as(invalid).isEqualTo(400);
        assertThat(answer.json().path("errors").get(0).path("pointer").asText())
            .as(invalid)
            .matches(".*/(facets|outputFacets)/.*");
      }
      // an input facet lineage-gate does not read is only flagged, unless input facets are strict
      final String metrics = fixture("event_invalid_input_dataset_facet.json");
      final Http.Answer flagged =
          Http.post(strict.url(), "/api/v1/lineage", "application/json", metrics);
      assertThat(flagged.status()).isEqualTo(201);
      assertThat(flagged.json().path("warnings").get(0).path("pointer").asText())
          .isEqualTo("/inputs/0/inputFacets/dataQualityMetrics/columnMetrics");
      final Http.Answer answer =
          Http.post(strictInputs.url(), "/api/v1/lineage", "application/json", metrics);
      assertThat(answer.status()).isEqualTo(400);
      assertThat(answer.json().path("errors").toString())
          .isEqualTo(
              "[{\"pointer\":\"/inputs/0/inputFacets/dataQualityMetrics/columnMetrics\","
                  + "\"detail\":\"is required (dataQualityMetrics input dataset facet,"
                  + " DataQualityMetricsInputDatasetFacet)\"}]");
      assertThat(
              Http.post(
                      strictInputs.url(),
                      "/api/v1/lineage",
                      "application/json",
                      fixture("event_full.json"))
                  .status())
          .isEqualTo(400);
    }
  }

  @Test
  void shouldBridgeValidEventsAndDeadLetterInvalidOnesWhenTheKafkaTransportEmits()
      throws Exception {
    // Given OpenLineage's Kafka transport writing to openlineage.events, and a poison pill
    final Map<TopicPartition, Long> before = events.endOffsets();
    final Map<TopicPartition, Long> dlqBefore =
        new TopicReader(stack.kafka()).endOffsets(Topics.EVENTS_DLQ.name());
    final Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers());
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    final OpenLineage.RunEvent start = runEvent(OpenLineage.RunEvent.EventType.START);
    final OpenLineage.RunEvent complete = runEvent(OpenLineage.RunEvent.EventType.COMPLETE);
    try (KafkaTransport transport =
        new KafkaTransport(new KafkaConfig("openlineage.events", null, props))) {
      final OpenLineageClient client = new OpenLineageClient(transport);
      // When
      client.emit(start);
      try (KafkaProducer<byte[], byte[]> raw =
          new KafkaProducer<>(
              stack.kafka().producerConfig(),
              new ByteArraySerializer(),
              new ByteArraySerializer())) {
        raw.send(
                new ProducerRecord<>(
                    "openlineage.events",
                    fixture("event_no_run_id.json").getBytes(StandardCharsets.UTF_8)))
            .get();
      }
      client.emit(complete);
    }
    // Then the two run events are bridged, mapped exactly as over HTTP
    assertThat(events.readSince(before, 2))
        .extracting(ConsumerRecord::value)
        .containsExactly(mapped(start), mapped(complete));
    // and the poison pill is on the dead-letter topic, bytes unchanged, with where and why
    final List<ConsumerRecord<byte[], byte[]>> dead =
        new TopicReader(stack.kafka())
            .readSince(
                Topics.EVENTS_DLQ.name(),
                dlqBefore,
                1,
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    assertThat(dead).hasSize(1);
    assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8))
        .isEqualTo(fixture("event_no_run_id.json"));
    assertThat(DeadLetter.header(dead.get(0).headers(), DeadLetter.TOPIC))
        .isEqualTo("openlineage.events");
    assertThat(DeadLetter.header(dead.get(0).headers(), DeadLetter.EXCEPTION))
        .isEqualTo("dev.lineagegate.schema.json.InvalidEventException");
    assertThat(DeadLetter.header(dead.get(0).headers(), DeadLetter.MESSAGE)).contains("runId");
    assertThat(DeadLetter.header(dead.get(0).headers(), DeadLetter.OFFSET)).matches("\\d+");
  }

  @Test
  void shouldBridgeWithWarningHeadersWhenTheKafkaTransportEmitsAFacetWithProblems()
      throws Exception {
    // Given OpenLineage's Kafka transport, and a START whose ownership job facet lists an owner
    // without a name (the owner is read from it), with its output listed already
    final Map<TopicPartition, Long> before = events.endOffsets();
    final Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers());
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    final OpenLineage.RunEvent start = runEvent(OpenLineage.RunEvent.EventType.START, null);
    // When
    try (KafkaTransport transport =
        new KafkaTransport(new KafkaConfig("openlineage.events", null, props))) {
      new OpenLineageClient(transport).emit(start);
    }
    // Then it is bridged (not dead-lettered), mapped without the facet, its output kept
    final ConsumerRecord<String, ExecutionEvent> bridged = events.readSince(before, 1).get(0);
    assertThat(bridged.value()).isEqualTo(mapped(start));
    assertThat(bridged.value().getRun().getOwner()).isNull();
    assertThat(bridged.value().getOutputs()).hasSize(1);
    // with one header per warning, "pointer: detail", in the order of the HTTP answer
    assertThat(bridged.headers().headers(OpenLineageBridge.WARNING_HEADER))
        .extracting(header -> new String(header.value(), StandardCharsets.UTF_8))
        .containsExactly(
            "/job/facets/ownership: not read: a field lineage-gate reads from this facet does not"
                + " match the facet's schema, so the event is mapped without the facet",
            "/job/facets/ownership/owners/0/name: is required (ownership job facet,"
                + " OwnershipJobFacet)");
  }

  private static OpenLineage.RunEvent runEvent(final OpenLineage.RunEvent.EventType type) {
    return runEvent(type, "ml-platform");
  }

  /** A run event as the client builds it; {@code owner} null lists an owner without a name. */
  private static OpenLineage.RunEvent runEvent(
      final OpenLineage.RunEvent.EventType type, final String owner) {
    final OpenLineage.RunFacet execution = OL.newRunFacet();
    execution.getAdditionalProperties().put("seed", 42);
    execution.getAdditionalProperties().put("configDigest", TestEvents.CONFIG.value());
    execution.getAdditionalProperties().put("environmentDigest", TestEvents.ENVIRONMENT.value());
    execution
        .getAdditionalProperties()
        .put("outputDigests", Map.of("model/churn", TestEvents.MODEL_V1.value()));
    return OL.newRunEventBuilder()
        .eventType(type)
        .eventTime(
            ZonedDateTime.of(
                2026,
                11,
                22,
                10,
                type == OpenLineage.RunEvent.EventType.START ? 0 : 1,
                0,
                0,
                ZoneOffset.UTC))
        .run(
            OL.newRunBuilder()
                .runId(UUID.fromString(RUN_ID))
                .facets(OL.newRunFacetsBuilder().put("lineageGate_execution", execution).build())
                .build())
        .job(
            OL.newJobBuilder()
                .namespace("airflow")
                .name("churn.train")
                .facets(
                    OL.newJobFacetsBuilder()
                        .ownership(
                            OL.newOwnershipJobFacetBuilder()
                                .owners(
                                    List.of(
                                        OL.newOwnershipJobFacetOwnersBuilder()
                                            .name(owner)
                                            .type("team")
                                            .build()))
                                .build())
                        .sourceCodeLocation(
                            OL.newSourceCodeLocationJobFacetBuilder()
                                .type("git")
                                .url(URI.create("https://git.example/churn.git"))
                                .repoUrl("https://git.example/churn.git")
                                .version("9f2c4e1")
                                .build())
                        .build())
                .build())
        .inputs(
            List.of(
                OL.newInputDatasetBuilder()
                    .namespace("s3://b")
                    .name("features.parquet")
                    .facets(
                        OL.newDatasetFacetsBuilder()
                            .version(
                                OL.newDatasetVersionDatasetFacet(TestEvents.FEATURES_V1.value()))
                            .build())
                    .build()))
        .outputs(List.of(OL.newOutputDatasetBuilder().namespace("model").name("churn").build()))
        .build();
  }

  /** What ingest must publish for {@code event}: the mapping of its JSON as the client sends it. */
  private static ExecutionEvent mapped(final OpenLineage.RunEvent event) throws Exception {
    final OpenLineageRecord record =
        new OpenLineageService()
            .interpret(new ObjectMapper().readTree(OpenLineageClientUtils.toJson(event)))
            .record();
    return ((OpenLineageRecord.Run) record).event();
  }

  /** {@code openlineage_warnings_total{facet, kind}} as /metrics shows it now; 0 when absent. */
  private static double warnings(final String facet, final String kind) throws Exception {
    final String series =
        "openlineage_warnings_total{facet=\"" + facet + "\",kind=\"" + kind + "\"";
    return Http.get(ingest.url(), "/metrics")
        .text()
        .lines()
        .filter(line -> line.startsWith(series))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .findFirst()
        .orElse(0);
  }

  private static Http.Answer post(final String body) throws Exception {
    return Http.post(ingest.url(), "/api/v1/lineage", "application/json", body);
  }

  private static String fixture(final String name) throws Exception {
    return OpenLineageFixtures.text(name);
  }
}
