package dev.lineagegate.lineagestream.app;

import dev.lineagegate.avro.ErrorInfo;
import dev.lineagegate.avro.EventType;
import dev.lineagegate.avro.ExecutionEvent;
import dev.lineagegate.avro.InputArtifact;
import dev.lineagegate.avro.OutputArtifact;
import dev.lineagegate.avro.RunInfo;
import dev.lineagegate.avro.Verdict;
import dev.lineagegate.lineagestream.TopologyConfig;
import dev.lineagegate.lineagestream.TopologyHarness;
import dev.lineagegate.lineagestream.oracle.OracleTopology;
import dev.lineagegate.policy.Policy;
import dev.lineagegate.schema.id.Digest;
import dev.lineagegate.testkit.TestEvents;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * A seeded workload for the fault tests: pipelines prepare → features → train, re-run in several
 * versions (newer versions supersede older ones downstream), with failed runs, runs missing their
 * owner (blocked, and their descendants UPSTREAM_BLOCKED), COMPLETE before START and duplicates.
 * Event times are within the hour after {@link TestEvents#T0}, so that the TopologyTestDriver
 * control ({@link #control}) reads them as the real application does.
 */
final class FaultWorkload {

  /** The pipeline number in the runIds of the evaluate runs, which belong to no pipeline. */
  private static final int EVALUATE = 9999;

  private FaultWorkload() {}

  /** The events of {@code pipelines} × {@code versions} (at most 5) runs of each step, in order. */
  static List<ExecutionEvent> events(final int pipelines, final int versions, final long seed) {
    return events(pipelines, versions, seed, false);
  }

  /**
   * {@link #events}, with lineage across pipelines: every prepare run also reads a reference
   * dataset that all pipelines share ({@code s3://raw/shared}, a new version each round), and each
   * round ends with an evaluate run that reads the models of every pipeline and writes one shared
   * name ({@code s3://reports/all}). A change of any pipeline's model reaches that report, and a
   * new shared version reaches every pipeline: nodes of one lineage spread over every partition.
   */
  static List<ExecutionEvent> crossPipeline(
      final int pipelines, final int versions, final long seed) {
    return events(pipelines, versions, seed, true);
  }

  private static List<ExecutionEvent> events(
      final int pipelines, final int versions, final long seed, final boolean shared) {
    if (versions > 5) {
      throw new IllegalArgumentException("at most 5 versions fit in the control's hour");
    }
    final Random random = new Random(seed);
    final List<ExecutionEvent> events = new ArrayList<>();
    for (int v = 0; v < versions; v++) {
      for (int p = 0; p < pipelines; p++) {
        final Digest raw = Digest.sha256("raw " + p + " " + v);
        final Digest clean = Digest.sha256("clean " + p + " " + v);
        final Digest features = Digest.sha256("features " + p + " " + v);
        final Digest model = Digest.sha256("model " + p + " " + v);
        step(
            events,
            random,
            p,
            v,
            "prepare",
            0,
            shared
                ? List.of(
                    input("s3://raw/p" + p, raw),
                    input("s3://raw/shared", Digest.sha256("raw shared " + v)))
                : List.of(input("s3://raw/p" + p, raw)),
            out("clean", p, clean));
        step(
            events,
            random,
            p,
            v,
            "features",
            2,
            List.of(input("s3://clean/p" + p, clean)),
            out("features", p, features));
        step(
            events,
            random,
            p,
            v,
            "train",
            4,
            List.of(input("s3://features/p" + p, features)),
            out("model", p, model));
      }
      if (shared) {
        final List<InputArtifact> models = new ArrayList<>();
        for (int p = 0; p < pipelines; p++) {
          models.add(input("model:p" + p, Digest.sha256("model " + p + " " + v)));
        }
        step(
            events,
            random,
            EVALUATE,
            v,
            "evaluate",
            6,
            models,
            TestEvents.output("s3://reports/all", Digest.sha256("report " + v)));
      }
    }
    return events;
  }

  private static void step(
      final List<ExecutionEvent> events,
      final Random random,
      final int pipeline,
      final int version,
      final String step,
      final int offset,
      final List<InputArtifact> inputs,
      final OutputArtifact output) {
    final String runId =
        String.format("7f1d3c52-2b8e-4a57-9c1e-%04d%04d%04d", pipeline, version, offset);
    final int minute = version * 10 + offset;
    ExecutionEvent start = TestEvents.start(runId, step, minute, inputs);
    ExecutionEvent end = TestEvents.complete(runId, step, minute, inputs, List.of(output));
    if (random.nextInt(10) == 0) {
      start = withoutOwner(start);
      end = withoutOwner(end);
    }
    if (step.equals("train") && random.nextInt(8) == 0) {
      end =
          ExecutionEvent.newBuilder(end)
              .setEventType(EventType.FAIL)
              .setError(new ErrorInfo("out of memory", "OOM", null))
              .build();
    }
    if (random.nextInt(10) == 0) {
      events.add(end);
      events.add(start);
    } else {
      events.add(start);
      events.add(end);
    }
    if (random.nextInt(20) == 0) {
      events.add(end); // delivered twice
    }
  }

  private static ExecutionEvent withoutOwner(final ExecutionEvent event) {
    return ExecutionEvent.newBuilder(event)
        .setRun(RunInfo.newBuilder(event.getRun()).setOwner(null).build())
        .build();
  }

  private static InputArtifact input(final String name, final Digest digest) {
    return TestEvents.input(name, digest);
  }

  private static OutputArtifact out(final String kind, final int pipeline, final Digest digest) {
    return TestEvents.output(
        kind.equals("model") ? "model:p" + pipeline : "s3://" + kind + "/p" + pipeline, digest);
  }

  /** The final verdict of every artifact when a clean topology reads {@code events} in order. */
  static Map<String, Verdict> control(final List<ExecutionEvent> events) {
    try (TopologyHarness harness = new TopologyHarness(Policy.defaults())) {
      for (final ExecutionEvent event : events) {
        harness.send(event);
      }
      return finals(harness.verdicts());
    }
  }

  /**
   * The final verdict of every artifact when the oracle of the equivalence tests ({@link
   * OracleTopology}, the topology before local delivery, every message through {@code
   * lineage.graph.v1}) reads {@code events} in order.
   */
  static Map<String, Verdict> oracle(final List<ExecutionEvent> events) {
    try (TopologyHarness harness =
        new TopologyHarness(
            Policy.defaults(),
            TopologyConfig.DEFAULT_MAX_DEPTH,
            TopologyConfig.DEFAULT_MAX_STATE_BYTES,
            UnaryOperator.identity(),
            OracleTopology::build)) {
      for (final ExecutionEvent event : events) {
        harness.send(event);
      }
      return finals(harness.verdicts());
    }
  }

  /** What differs between two sets of final verdicts, one short line per artifact. */
  static List<String> differences(
      final Map<String, Verdict> actual, final Map<String, Verdict> expected) {
    final List<String> lines = new ArrayList<>();
    final Set<String> artifacts = new TreeSet<>(expected.keySet());
    artifacts.addAll(actual.keySet());
    for (final String artifact : artifacts) {
      final Verdict want = expected.get(artifact);
      final Verdict got = actual.get(artifact);
      if (!Objects.equals(want, got)) {
        lines.add(artifact.substring(7, 19) + " " + brief(want) + " != " + brief(got));
      }
    }
    return lines;
  }

  private static String brief(final Verdict verdict) {
    if (verdict == null) {
      return "none";
    }
    return verdict.getName()
        + " "
        + verdict.getStatus()
        + verdict.getReasons().stream().map(r -> r.getCode().name()).toList()
        + " run "
        + verdict.getProducingRunId();
  }

  /** The last verdict per artifact, without what differs between two runs of the same input. */
  static Map<String, Verdict> finals(final List<Verdict> verdicts) {
    final Map<String, Verdict> last = new TreeMap<>();
    for (final Verdict verdict : verdicts) {
      final Verdict known = last.get(verdict.getArtifact());
      if (known == null || known.getSequence() <= verdict.getSequence()) {
        last.put(verdict.getArtifact(), verdict);
      }
    }
    final Map<String, Verdict> comparable = new TreeMap<>();
    last.forEach(
        (artifact, verdict) ->
            comparable.put(
                artifact,
                Verdict.newBuilder(verdict).setSequence(0).setEvaluatedAt(Instant.EPOCH).build()));
    return comparable;
  }
}
