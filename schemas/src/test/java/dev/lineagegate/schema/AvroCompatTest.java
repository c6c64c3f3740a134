package dev.lineagegate.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lineagegate.avro.EventType;
import dev.lineagegate.avro.ExecutionEvent;
import dev.lineagegate.avro.InputArtifact;
import dev.lineagegate.avro.RunInfo;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AvroCompatTest {

  @Test
  void shouldCompareEqualWhenACopyHoldsATimestampInsideAUnion() {
    // Given an event whose input has producedAt (a timestamp-millis inside a union)
    AvroCompat.ensure();
    final ExecutionEvent event =
        ExecutionEvent.newBuilder()
            .setEventId("e")
            .setEventType(EventType.START)
            .setEventTime(Instant.parse("2026-11-22T10:00:00Z"))
            .setRun(RunInfo.newBuilder().setRunId("r").setStep("s").build())
            .setInputs(
                List.of(
                    InputArtifact.newBuilder()
                        .setName("in")
                        .setProducedAt(Instant.parse("2026-11-22T09:00:00Z"))
                        .build()))
            .build();
    // When it is copied (the copy's list is Avro's own array type)
    final ExecutionEvent copy = ExecutionEvent.newBuilder(event).build();
    // Then both directions compare equal instead of throwing "Unknown datum type"
    assertThat(copy.getInputs()).isNotInstanceOf(java.util.ArrayList.class);
    assertThat(copy).isEqualTo(event);
    assertThat(event).isEqualTo(copy);
  }
}
