package dev.lineagegate.lineagestream;

import static dev.lineagegate.testkit.TestEvents.complete;
import static dev.lineagegate.testkit.TestEvents.input;
import static dev.lineagegate.testkit.TestEvents.output;
import static dev.lineagegate.testkit.TestEvents.runId;
import static dev.lineagegate.testkit.TestEvents.start;

import dev.lineagegate.avro.CheckResult;
import dev.lineagegate.avro.CheckSeverity;
import dev.lineagegate.avro.ExecutionEvent;
import dev.lineagegate.schema.id.Digest;
import dev.lineagegate.testkit.TestEvents;
import java.util.List;

/**
 * A four-step pipeline built from {@link TestEvents}: prepare (raw → features) → train (→ model) →
 * evaluate (→ report) → package (→ bundle), each run fully auditable, so that every verdict is PASS
 * until a test changes something upstream.
 */
final class Pipeline {

  static final String RAW = "s3://raw/events.parquet";
  static final String REPORT = "report:churn";
  static final String BUNDLE = "bundle:churn";
  static final Digest RAW_V1 = Digest.sha256("raw v1");
  static final Digest RAW_V2 = Digest.sha256("raw v2");
  static final Digest FEATURES_V2 = Digest.sha256("features v2");
  static final Digest REPORT_V1 = Digest.sha256("report v1");
  static final Digest BUNDLE_V1 = Digest.sha256("bundle v1");
  static final String PREPARE_RUN = runId(1);
  static final String TRAIN_RUN = runId(2);
  static final String EVALUATE_RUN = runId(3);
  static final String PACKAGE_RUN = runId(4);
  static final String PREPARE_RERUN = runId(5);

  private Pipeline() {}

  /** Every event of the four runs, in order. */
  static List<ExecutionEvent> events() {
    return List.of(
        start(PREPARE_RUN, "prepare", 0, List.of(input(RAW, RAW_V1))),
        complete(
            PREPARE_RUN,
            "prepare",
            0,
            List.of(input(RAW, RAW_V1)),
            List.of(output(TestEvents.FEATURES, TestEvents.FEATURES_V1))),
        complete(
            TRAIN_RUN,
            "train",
            10,
            List.of(input(TestEvents.FEATURES, TestEvents.FEATURES_V1)),
            List.of(output(TestEvents.MODEL, TestEvents.MODEL_V1))),
        complete(
            EVALUATE_RUN,
            "evaluate",
            20,
            List.of(input(TestEvents.MODEL, TestEvents.MODEL_V1)),
            List.of(output(REPORT, REPORT_V1))),
        complete(
            PACKAGE_RUN,
            "package",
            30,
            List.of(input(REPORT, REPORT_V1)),
            List.of(output(BUNDLE, BUNDLE_V1))));
  }

  /** A later run of prepare, on newer raw data, that produced a newer features version. */
  static ExecutionEvent prepareRerun() {
    return complete(
        PREPARE_RERUN,
        "prepare",
        40,
        List.of(input(RAW, RAW_V2)),
        List.of(output(TestEvents.FEATURES, FEATURES_V2)));
  }

  /** One more event of the prepare run reporting its check {@code rows>0} as passed or not. */
  static ExecutionEvent prepareCheck(final boolean passed, final int minute, final String what) {
    return ExecutionEvent.newBuilder(events().get(1))
        .setEventId(TestEvents.eventId(PREPARE_RUN, what))
        .setEventTime(TestEvents.T0.plusSeconds(60L * minute))
        .setChecks(
            List.of(
                CheckResult.newBuilder()
                    .setName("rows>0")
                    .setPassed(passed)
                    .setSeverity(CheckSeverity.ERROR)
                    .setObserved(passed ? "120" : "0")
                    .build()))
        .build();
  }
}
