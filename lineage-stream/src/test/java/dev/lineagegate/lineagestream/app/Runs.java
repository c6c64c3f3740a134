package dev.lineagegate.lineagestream.app;

import dev.lineagegate.avro.ExecutionEvent;
import dev.lineagegate.avro.InputArtifact;
import dev.lineagegate.avro.OutputArtifact;
import dev.lineagegate.avro.RunInfo;
import dev.lineagegate.schema.id.Digest;
import dev.lineagegate.testkit.TestEvents;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Independent copies of the train run of {@link TestEvents}: run {@code i} reads its own features
 * and writes its own model, under names of its own, so that runs never supersede each other and
 * each yields exactly the verdicts of one train run.
 */
final class Runs {

  private Runs() {}

  static String runId(final int i) {
    return String.format("7f1d3c52-2b8e-4a57-9c1e-%012d", 1000 + i);
  }

  static Digest features(final int i) {
    return Digest.sha256("features of run " + i);
  }

  static Digest model(final int i) {
    return Digest.sha256("model of run " + i);
  }

  static String featuresName(final int i) {
    return TestEvents.FEATURES + "-" + i;
  }

  /** With slashes, as object-store names have: they travel URL-encoded in query paths. */
  static String modelName(final int i) {
    return "s3://models/churn-" + i + ".pt";
  }

  static String encodedModelName(final int i) {
    return URLEncoder.encode(modelName(i), StandardCharsets.UTF_8);
  }

  static ExecutionEvent start(final int i) {
    return copy(TestEvents.trainStart(), i, "a");
  }

  static ExecutionEvent complete(final int i) {
    final ExecutionEvent complete = copy(TestEvents.trainComplete(), i, "b");
    final OutputArtifact output =
        OutputArtifact.newBuilder(complete.getOutputs().get(0))
            .setName(modelName(i))
            .setDigest(model(i).value())
            .build();
    return ExecutionEvent.newBuilder(complete).setOutputs(List.of(output)).build();
  }

  private static ExecutionEvent copy(final ExecutionEvent event, final int i, final String kind) {
    final InputArtifact input =
        InputArtifact.newBuilder(event.getInputs().get(0))
            .setName(featuresName(i))
            .setDigest(features(i).value())
            .build();
    return ExecutionEvent.newBuilder(event)
        .setEventId(String.format("0b9d2a61-4c3e-4f8a-9e2b-%s%011d", kind, i))
        .setRun(RunInfo.newBuilder(event.getRun()).setRunId(runId(i)).build())
        .setInputs(List.of(input))
        .build();
  }
}
