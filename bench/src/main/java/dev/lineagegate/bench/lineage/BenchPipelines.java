package dev.lineagegate.bench.lineage;

import dev.lineagegate.avro.CheckResult;
import dev.lineagegate.avro.CheckSeverity;
import dev.lineagegate.avro.ExecutionEvent;
import dev.lineagegate.avro.InputArtifact;
import dev.lineagegate.avro.OutputArtifact;
import dev.lineagegate.schema.id.Digest;
import dev.lineagegate.testkit.TestEvents;
import java.util.ArrayList;
import java.util.List;

/**
 * Benchmark workloads built from {@link TestEvents}' fully auditable runs: four-step pipelines
 * (prepare → train → evaluate → package, START and COMPLETE each, names shared by every hundredth
 * pipeline so that newer versions supersede older ones), and a two-level fan-out tree for the
 * re-verdict measurement.
 */
public final class BenchPipelines {

  static final String[] STEPS = {"prepare", "train", "evaluate", "package"};

  private BenchPipelines() {}

  /** The 8 events of pipeline {@code k} (START + COMPLETE of each step), in order. */
  public static List<ExecutionEvent> pipeline(final String tag, final int k) {
    return pipeline(tag, k, 100);
  }

  /**
   * The 8 events of pipeline {@code k}, its names shared with every {@code names}-th pipeline: N
   * pipelines give each name N / {@code names} versions.
   */
  public static List<ExecutionEvent> pipeline(final String tag, final int k, final int names) {
    final List<ExecutionEvent> events = new ArrayList<>(8);
    Digest input = Digest.sha256(tag + "/raw/" + k);
    String inputName = "bench/raw/" + (k % names);
    for (int s = 0; s < STEPS.length; s++) {
      final String runId = runId(tag, k * 4 + s);
      final Digest output = artifact(tag, k, s);
      final String outputName = "bench/p" + (k % names) + "/" + STEPS[s];
      final List<InputArtifact> inputs = List.of(TestEvents.input(inputName, input));
      events.add(TestEvents.start(runId, STEPS[s], s * 10, inputs));
      events.add(
          TestEvents.complete(
              runId, STEPS[s], s * 10, inputs, List.of(TestEvents.output(outputName, output))));
      input = output;
      inputName = outputName;
    }
    return events;
  }

  /** The artifact step {@code s} of pipeline {@code k} produces. */
  public static Digest artifact(final String tag, final int k, final int s) {
    return Digest.sha256(tag + "/artifact/" + k + "/" + s);
  }

  /** Distinct artifact versions of {@code pipelines} pipelines: 4 outputs and 1 source each. */
  public static int artifacts(final int pipelines) {
    return pipelines * 5;
  }

  /**
   * A root and a tree under it: {@code fanout} runs consume the root, and {@code fanout} runs
   * consume each of their outputs, so {@code fanout + fanout²} descendants. COMPLETE events only.
   */
  public static List<ExecutionEvent> tree(final String tag, final int fanout) {
    final List<ExecutionEvent> events = new ArrayList<>();
    events.add(treeRoot(tag, true));
    int run = 1;
    for (int i = 0; i < fanout; i++) {
      final Digest level1 = Digest.sha256(tag + "/l1/" + i);
      events.add(complete(tag, run++, root(tag), "bench/tree/root", level1, "bench/tree/l1/" + i));
      for (int j = 0; j < fanout; j++) {
        events.add(
            complete(
                tag,
                run++,
                level1,
                "bench/tree/l1/" + i,
                Digest.sha256(tag + "/l2/" + i + "/" + j),
                "bench/tree/l2/" + i + "/" + j));
      }
    }
    return events;
  }

  public static Digest root(final String tag) {
    return Digest.sha256(tag + "/root");
  }

  /** The root's run, with its check passing, or (a later event of the same run) failing. */
  public static ExecutionEvent treeRoot(final String tag, final boolean passed) {
    final ExecutionEvent complete =
        complete(
            tag, 0, Digest.sha256(tag + "/raw"), "bench/tree/raw", root(tag), "bench/tree/root");
    if (passed) {
      return complete;
    }
    return ExecutionEvent.newBuilder(complete)
        .setEventId(TestEvents.eventId(complete.getRun().getRunId(), "check-failed"))
        .setEventTime(complete.getEventTime().plusSeconds(1))
        .setChecks(List.of(new CheckResult("rows>0", false, CheckSeverity.ERROR, "0")))
        .build();
  }

  private static ExecutionEvent complete(
      final String tag,
      final int run,
      final Digest input,
      final String inputName,
      final Digest output,
      final String outputName) {
    return TestEvents.complete(
        runId(tag, 1_000_000 + run),
        "tree",
        0,
        List.of(TestEvents.input(inputName, input)),
        List.<OutputArtifact>of(TestEvents.output(outputName, output)));
  }

  static String runId(final String tag, final int n) {
    return java.util
        .UUID
        .nameUUIDFromBytes((tag + "/run/" + n).getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .toString();
  }
}
