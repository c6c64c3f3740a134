package dev.lineagegate.schema.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lineagegate.avro.ConfigInfo;
import dev.lineagegate.avro.EnvironmentInfo;
import dev.lineagegate.avro.ErrorInfo;
import dev.lineagegate.avro.ExecutionEvent;
import dev.lineagegate.avro.OutputArtifact;
import dev.lineagegate.avro.RunInfo;
import dev.lineagegate.schema.json.FieldError;
import dev.lineagegate.testkit.TestEvents;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;

/**
 * The whole-event limit: its estimate against the real Avro encoding (docs/INGEST.md, "Limits").
 */
class EventSizeTest {

  private static final Instant NOW = TestEvents.T0.plusSeconds(120);

  @Test
  void shouldAcceptWhenEveryFieldIsExactlyAtItsLimit() {
    // Given the largest event the limits allow, almost: every string and list at its limit
    final ExecutionEvent event = largest(EventLimits.OUTPUTS);
    // When / Then nothing but the whole-event limit, which such an event is far over
    assertThat(EventContract.violations(event, "", NOW))
        .singleElement()
        .satisfies(error -> assertThat(error.pointer()).isEmpty());
    // and one within the whole-event limit is accepted
    assertThat(EventContract.violations(largest(100), "", NOW)).isEmpty();
  }

  @Test
  void shouldRefuseWhenTheWholeEventIsOverItsEstimatedLimit() {
    // Given 250 outputs with names at the limit: each fits, together they do not
    final ExecutionEvent event =
        ExecutionEvent.newBuilder(TestEvents.trainComplete())
            .setOutputs(
                IntStream.range(0, 250)
                    .mapToObj(
                        i ->
                            OutputArtifact.newBuilder()
                                .setName(String.format("%04d", i) + text(1020))
                                .build())
                    .toList())
            .build();
    // When
    final List<FieldError> errors = EventContract.violations(event, "/1", NOW);
    // Then one error for the event as a whole
    assertThat(errors)
        .singleElement()
        .satisfies(
            error -> {
              assertThat(error.pointer()).isEqualTo("/1");
              assertThat(error.message())
                  .matches(
                      "is about \\d+ bytes once encoded, more than the 262144 allowed \\(UTF-8 bytes of"
                          + " every string plus 16 per field, item and map entry\\)");
            });
  }

  @Test
  void shouldEstimateNoLessThanTheAvroRecordWhenEventsVary() {
    // Given small, typical, non-ASCII and large events
    final List<ExecutionEvent> events =
        new ArrayList<>(
            List.of(
                TestEvents.minimalStart(),
                TestEvents.trainStart(),
                TestEvents.trainComplete(),
                TestEvents.trainFail(),
                ExecutionEvent.newBuilder(TestEvents.trainComplete())
                    .setProducer("ünïcødé 😀 名前 " + text(100))
                    .setEventTime(Instant.ofEpochMilli(Long.MAX_VALUE / 2))
                    .setSeed(Long.MIN_VALUE)
                    .build(),
                largest(100),
                largest(EventLimits.OUTPUTS)));
    for (final ExecutionEvent event : events) {
      // When
      final long estimate = EventContract.estimatedSize(event);
      final int encoded = onTheTopic(event);
      // Then never below the record, and close to it when strings dominate
      assertThat(estimate).as(event.getEventId()).isGreaterThanOrEqualTo(encoded);
      assertThat(estimate).as(event.getEventId()).isLessThan(2L * encoded + 2_000);
    }
    assertThat((double) EventContract.estimatedSize(largest(100)))
        .isLessThan(1.2 * onTheTopic(largest(100)));
  }

  /** A COMPLETE with {@code outputs} outputs and every other string, list and map at its limit. */
  static ExecutionEvent largest(final int outputs) {
    final Map<String, String> map = new LinkedHashMap<>();
    IntStream.range(0, EventLimits.MAP_ENTRIES)
        .forEach(i -> map.put(String.format("%03d", i), "v"));
    return ExecutionEvent.newBuilder(TestEvents.trainComplete())
        .setRun(
            RunInfo.newBuilder(TestEvents.trainComplete().getRun())
                .setPipeline(text(EventLimits.RUN_NAME))
                .setStep(text(EventLimits.RUN_NAME))
                .setOwner(text(EventLimits.RUN_NAME))
                .build())
        .setConfig(
            ConfigInfo.newBuilder().setDigest(TestEvents.CONFIG.value()).setParameters(map).build())
        .setEnvironment(
            EnvironmentInfo.newBuilder(TestEvents.trainComplete().getEnvironment())
                .setImage(text(EventLimits.URI))
                .setTools(map)
                .setHardware(map)
                .setVariables(map)
                .build())
        .setOutputs(
            IntStream.range(0, outputs)
                .mapToObj(
                    i ->
                        OutputArtifact.newBuilder()
                            .setName(String.format("%04d", i) + text(EventLimits.ARTIFACT_NAME - 4))
                            .setSizeBytes(Long.MAX_VALUE)
                            .build())
                .toList())
        .setError(
            ErrorInfo.newBuilder()
                .setMessage(text(EventLimits.ERROR_MESSAGE))
                .setType(text(EventLimits.ERROR_TYPE))
                .setStackTrace(text(EventLimits.STACK_TRACE))
                .build())
        .setProducer(text(EventLimits.URI))
        .build();
  }

  /** The bytes of {@code event} on the topic: the Confluent wire header and the Avro datum. */
  private static int onTheTopic(final ExecutionEvent event) {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
    try {
      new SpecificDatumWriter<>(ExecutionEvent.class).write(event, encoder);
      encoder.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return 5 + bytes.size();
  }

  private static String text(final int length) {
    return "x".repeat(length);
  }
}
