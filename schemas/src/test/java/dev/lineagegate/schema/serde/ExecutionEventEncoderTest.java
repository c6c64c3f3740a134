package dev.lineagegate.schema.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lineagegate.avro.ExecutionEvent;
import dev.lineagegate.schema.json.ExecutionEventJson;
import dev.lineagegate.schema.json.InvalidEventException;
import dev.lineagegate.testkit.EventMutations;
import dev.lineagegate.testkit.TestEvents;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;

/**
 * The hand-written encoder against Avro's own writer: the same bytes for every fixture and for
 * every valid variant of them (fields removed, nulled or changed one at a time).
 */
class ExecutionEventEncoderTest {

  private final ExecutionEventJson json = new ExecutionEventJson();

  @Test
  void shouldMatchTheSchemaWhenItIsTheOneTheEncoderWasWrittenFor() {
    // Fails when ExecutionEvent.avsc changes: update the encoder and its fingerprint.
    assertThat(ExecutionEventEncoder.MATCHES).isTrue();
  }

  @Test
  void shouldWriteTheSameBytesAsAvroWhenGivenFixturesAndTheirValidVariants() throws IOException {
    final List<ExecutionEvent> events = new ArrayList<>(fixtures());
    for (final ObjectNode variant : EventMutations.of(new ObjectMapper(), json, fixtures())) {
      try {
        events.add(json.read(variant));
      } catch (InvalidEventException e) {
        // only valid events are ever encoded
      }
    }
    assertThat(events).hasSizeGreaterThan(200);
    for (final ExecutionEvent event : events) {
      assertThat(byHand(event)).as("%s", event).isEqualTo(avro(event));
    }
  }

  @Test
  void shouldThrowWhenARequiredValueIsMissing() {
    final ExecutionEvent event = TestEvents.trainComplete();
    event.getRun().setStep(null);
    assertThatThrownBy(() -> byHand(event)).isInstanceOf(NullPointerException.class);
  }

  private static List<ExecutionEvent> fixtures() {
    return List.of(
        TestEvents.trainStart(),
        TestEvents.trainComplete(),
        TestEvents.trainFail(),
        TestEvents.minimalStart(),
        TestEvents.streamingHeartbeat());
  }

  private static byte[] byHand(final ExecutionEvent event) throws IOException {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
    ExecutionEventEncoder.write(event, encoder);
    encoder.flush();
    return out.toByteArray();
  }

  private static byte[] avro(final ExecutionEvent event) throws IOException {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
    new SpecificDatumWriter<ExecutionEvent>(ExecutionEvent.getClassSchema()).write(event, encoder);
    encoder.flush();
    return out.toByteArray();
  }
}
