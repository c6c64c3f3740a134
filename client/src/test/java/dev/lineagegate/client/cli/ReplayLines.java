package dev.lineagegate.client.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lineagegate.avro.RunInfo;
import dev.lineagegate.schema.json.ExecutionEventJson;
import dev.lineagegate.testkit.TestEvents;

/** Lines of replayed files: native events and OpenLineage RunEvents, good or marked bad. */
final class ReplayLines {

  private static final ExecutionEventJson NATIVE = new ExecutionEventJson(new ObjectMapper());

  private ReplayLines() {}

  /** A native START with a distinct eventId and runId; step "bad" makes the fake refuse it. */
  static String nativeEvent(final int n, final String step) {
    final var start = TestEvents.trainStart();
    return NATIVE.writeString(
        dev.lineagegate.avro.ExecutionEvent.newBuilder(start)
            .setEventId("event-" + n)
            .setRun(
                RunInfo.newBuilder(start.getRun())
                    .setRunId(TestEvents.runId(n))
                    .setStep(step)
                    .build())
            .build());
  }

  static String nativeEvent(final int n) {
    return nativeEvent(n, "train");
  }

  /** An OpenLineage RunEvent of job {@code name} ("bad": refused, "warn": accepted, warned). */
  static String openLineage(final String name) {
    final ObjectNode event = new ObjectMapper().createObjectNode();
    event.put("eventType", "COMPLETE").put("eventTime", "2026-11-22T10:00:00Z");
    event.put("producer", "https://example/producer");
    event.put("schemaURL", "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent");
    event.putObject("run").put("runId", "3b8e7f52-1c4d-4e6f-9a0b-2c3d4e5f6a01");
    event.putObject("job").put("namespace", "airflow").put("name", name);
    return event.toString();
  }
}
