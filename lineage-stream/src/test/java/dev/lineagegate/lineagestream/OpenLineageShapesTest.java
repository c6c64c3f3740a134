package dev.lineagegate.lineagestream;

import static dev.lineagegate.testkit.TestEvents.input;
import static dev.lineagegate.testkit.TestEvents.output;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lineagegate.avro.Alert;
import dev.lineagegate.avro.AlertKind;
import dev.lineagegate.avro.EventType;
import dev.lineagegate.avro.ExecutionEvent;
import dev.lineagegate.avro.InputArtifact;
import dev.lineagegate.avro.OutputArtifact;
import dev.lineagegate.avro.Reason;
import dev.lineagegate.avro.ReasonCode;
import dev.lineagegate.avro.RunInfo;
import dev.lineagegate.avro.RunMode;
import dev.lineagegate.avro.Verdict;
import dev.lineagegate.lineagestream.query.LineageGraph;
import dev.lineagegate.policy.Policy;
import dev.lineagegate.schema.id.Digest;
import dev.lineagegate.testkit.TestEvents;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The shapes real OpenLineage traffic has (DESIGN.md §2, §3): names without digests, outputs listed
 * on START, streaming jobs, a runId reused by another job.
 */
class OpenLineageShapesTest {

  private static final String ORDERS = "postgres://db/public.orders";
  private static final String CATEGORIES = "postgres://db/public.categories";
  private static final String SEVEN_DAYS = "postgres://db/public.orders_7_days";

  @Test
  void shouldLinkToTheSourceNodeThenMoveToTheFirstVersionWhenItAppears() {
    try (TopologyHarness h = new TopologyHarness(Policy.defaults())) {
      // Given a job that read public.orders by name, before any run produced it
      final String reader = TestEvents.runId(801);
      h.send(
          event(
              reader,
              "etl_orders_7_days",
              EventType.START,
              5,
              List.of(in(ORDERS)),
              List.of(out(SEVEN_DAYS))));
      h.send(event(reader, "etl_orders_7_days", EventType.COMPLETE, 6, List.of(), List.of()));
      final String output = derived(SEVEN_DAYS, reader);
      final String source = Digest.sha256("source:" + ORDERS).value();
      // Then its input is the name's unversioned source node, in the verdict's lineage
      assertThat(upstream(h, output)).contains(source);
      final Verdict before = last(h.verdicts(), output);
      assertThat(codes(before)).contains(ReasonCode.UNVERSIONED_INPUT);

      // When a run produces the first version of public.orders, with no owner (BLOCK)
      final String writer = TestEvents.runId(802);
      final ExecutionEvent start =
          event(writer, "etl_orders", EventType.START, 1, List.of(), List.of(out(ORDERS)));
      h.send(withoutOwner(start));
      h.send(
          withoutOwner(event(writer, "etl_orders", EventType.COMPLETE, 2, List.of(), List.of())));

      // Then the link moved from the source node to that version, and the reader's output now
      // inherits its status
      final String version = derived(ORDERS, writer);
      assertThat(upstream(h, output)).contains(version).doesNotContain(source);
      assertThat(codes(last(h.verdicts(), output))).contains(ReasonCode.UPSTREAM_BLOCKED);
    }
  }

  @Test
  void shouldGiveTheSameVerdictsWhateverTheOrderTheEventsOfASeedGraphArriveIn() {
    // Given a Marquez-like seed graph: names only, outputs on START, COMPLETE without outputs
    final List<ExecutionEvent> events = seedGraph();
    final List<String> control = finals(events);
    assertThat(control).hasSize(4);

    for (int seed = 0; seed < 10; seed++) {
      // When its events arrive in another order
      final List<ExecutionEvent> shuffled = new ArrayList<>(events);
      Collections.shuffle(shuffled, new Random(seed));

      // Then every artifact ends with the same verdict
      assertThat(finals(shuffled)).as("seed %d", seed).isEqualTo(control);
    }
  }

  @Test
  void shouldProduceAStreamingRunsOutputsAtOnceAndAlertOnlyWhenAHeartbeatIsMissed() {
    try (TopologyHarness h = new TopologyHarness(Policy.defaults())) {
      // Given a streaming job (Flink) that lists its output on START
      final String run = TestEvents.runId(803);
      final Digest topic = Digest.sha256("enriched topic v1");
      h.send(streaming(run, 0, h.now(), List.of(output("kafka://prod/enriched", topic))));
      // Then the output has a verdict while the run is open
      assertThat(h.verdicts()).extracting(Verdict::getArtifact).contains(topic.value());

      // When it runs for 6 hours, with a heartbeat every 90 minutes
      for (int beat = 1; beat <= 4; beat++) {
        h.advance(Duration.ofMinutes(90));
        h.send(streaming(run, beat, h.now(), List.of(output("kafka://prod/enriched", topic))));
      }
      // Then no RUN_STALLED: a streaming run is never "still running"
      assertThat(h.alerts()).extracting(Alert::getKind).doesNotContain(AlertKind.RUN_STALLED);

      // When a heartbeat is missed (nothing for more than stalledRunAfter, 2 h)
      h.advance(Duration.ofMinutes(125));
      // Then one RUN_STALLED, saying since when it has been silent
      final List<Alert> alerts = h.alerts();
      assertThat(alerts)
          .singleElement()
          .satisfies(
              a -> {
                assertThat(a.getKind()).isEqualTo(AlertKind.RUN_STALLED);
                assertThat(a.getSummary()).contains("sent no event since");
              });
    }
  }

  @Test
  void shouldDeadLetterTheLaterEventAndLeaveTheFirstRunWhenARunIdIsReusedByAnotherStep() {
    try (TopologyHarness h = new TopologyHarness(Policy.defaults())) {
      // Given a run of step "a"
      final String run = TestEvents.runId(804);
      h.send(TestEvents.start(run, "a", 1, List.of()));
      // When an event of step "b" uses the same runId
      h.send(
          ExecutionEvent.newBuilder(TestEvents.start(run, "b", 2, List.of()))
              .setEventId(TestEvents.eventId(run, "b"))
              .build());
      // Then it is dead-lettered with a MALFORMED_EVENT alert naming both steps
      assertThat(h.deadLetters()).hasSize(1);
      assertThat(h.alerts())
          .singleElement()
          .satisfies(
              a -> {
                assertThat(a.getKind()).isEqualTo(AlertKind.MALFORMED_EVENT);
                assertThat(a.getSummary()).contains("step a", "step b");
              });
      // And the run of step "a" completes untouched (no MALFORMED)
      final Digest model = Digest.sha256("model of a");
      h.send(TestEvents.complete(run, "a", 1, List.of(), List.of(output("model:a", model))));
      assertThat(codes(last(h.verdicts(), model.value()))).doesNotContain(ReasonCode.MALFORMED);
    }
  }

  @Test
  void shouldShowDeclaredOutputsAsPendingUntilTheRunCompletes() {
    try (TopologyHarness h = new TopologyHarness(Policy.defaults())) {
      // Given a run that lists its output on START
      final String run = TestEvents.runId(805);
      final Digest features = TestEvents.FEATURES_V1;
      final Digest model = Digest.sha256("model declared on start");
      final ExecutionEvent start =
          ExecutionEvent.newBuilder(
                  TestEvents.start(run, "train", 1, List.of(input(TestEvents.FEATURES, features))))
              .setOutputs(List.of(output("model:pending", model)))
              .build();
      h.send(start);
      // Then the output has no verdict yet, and shows as pending downstream of its input
      assertThat(h.verdicts()).extracting(Verdict::getArtifact).doesNotContain(model.value());
      final LineageGraph open = h.queries().lineage(features.value(), "downstream", "2", null);
      assertThat(open.nodes())
          .filteredOn(n -> model.value().equals(n.digest()))
          .singleElement()
          .satisfies(n -> assertThat(n.pending()).isTrue());

      // When the run completes (without listing the output again)
      h.send(
          TestEvents.complete(
              run, "train", 1, List.of(input(TestEvents.FEATURES, features)), List.of()));
      // Then it is produced: a verdict, no longer pending
      assertThat(h.verdicts()).extracting(Verdict::getArtifact).contains(model.value());
      final LineageGraph done = h.queries().lineage(features.value(), "downstream", "2", null);
      assertThat(done.nodes())
          .filteredOn(n -> model.value().equals(n.digest()))
          .singleElement()
          .satisfies(n -> assertThat(n.pending()).isFalse());
    }
  }

  private static List<ExecutionEvent> seedGraph() {
    final String orders = TestEvents.runId(811);
    final String menus = TestEvents.runId(812);
    final String sevenDays = TestEvents.runId(813);
    final String delivery = TestEvents.runId(814);
    final String menusName = "postgres://db/public.menus";
    final String customers = "postgres://db/public.customers";
    final String deliveryName = "postgres://db/public.delivery_7_days";
    return List.of(
        event(
            orders,
            "food_delivery/etl_orders",
            EventType.START,
            1,
            List.of(),
            List.of(out(ORDERS))),
        event(orders, "food_delivery/etl_orders", EventType.COMPLETE, 2, List.of(), List.of()),
        event(
            menus,
            "food_delivery/etl_menus",
            EventType.START,
            1,
            List.of(),
            List.of(out(menusName))),
        event(menus, "food_delivery/etl_menus", EventType.COMPLETE, 3, List.of(), List.of()),
        event(
            sevenDays,
            "food_delivery/etl_orders_7_days",
            EventType.START,
            5,
            List.of(in(ORDERS), in(menusName), in(CATEGORIES)),
            List.of(out(SEVEN_DAYS))),
        event(
            sevenDays,
            "food_delivery/etl_orders_7_days",
            EventType.COMPLETE,
            6,
            List.of(),
            List.of()),
        event(
            delivery,
            "food_delivery/etl_delivery_7_days",
            EventType.START,
            8,
            List.of(in(SEVEN_DAYS), in(customers)),
            List.of(out(deliveryName))),
        event(
            delivery,
            "food_delivery/etl_delivery_7_days",
            EventType.COMPLETE,
            9,
            List.of(),
            List.of()));
  }

  /**
   * The final verdict of every artifact, without sequence and time, one line each. A name's source
   * node that had readers only until its first version arrived keeps the verdict it had (it exists
   * or not depending on the order): source nodes are left out.
   */
  private static List<String> finals(final List<ExecutionEvent> events) {
    try (TopologyHarness h = new TopologyHarness(Policy.defaults())) {
      events.forEach(h::send);
      final Map<String, Verdict> last = new TreeMap<>();
      for (final Verdict v : h.verdicts()) {
        last.put(v.getArtifact(), v);
      }
      return last.values().stream()
          .filter(v -> !(v.getDerived() && v.getProducingRunId() == null))
          .map(
              v ->
                  v.getName()
                      + " "
                      + v.getStatus()
                      + " "
                      + v.getReasons().stream()
                          .map(r -> r.getCode() + r.getEvidence().toString())
                          .toList())
          .toList();
    }
  }

  private static ExecutionEvent event(
      final String runId,
      final String job,
      final EventType type,
      final int minute,
      final List<InputArtifact> inputs,
      final List<OutputArtifact> outputs) {
    return ExecutionEvent.newBuilder()
        .setEventId(TestEvents.eventId(runId, type.name()))
        .setEventType(type)
        .setEventTime(TestEvents.T0.plusSeconds(60L * minute))
        .setRun(RunInfo.newBuilder().setRunId(runId).setStep(job).setOwner("data").build())
        .setInputs(inputs)
        .setOutputs(outputs)
        .setProducer("https://github.com/OpenLineage/OpenLineage/tree/1.55.0/integration/airflow")
        .build();
  }

  private static ExecutionEvent streaming(
      final String runId, final int beat, final Instant at, final List<OutputArtifact> outputs) {
    return ExecutionEvent.newBuilder(TestEvents.trainStart())
        .setEventId(TestEvents.eventId(runId, "beat " + beat))
        .setEventTime(at)
        .setRun(
            RunInfo.newBuilder(TestEvents.trainStart().getRun())
                .setRunId(runId)
                .setStep("flink/enrich")
                .setMode(RunMode.STREAMING)
                .build())
        .setInputs(List.of())
        .setOutputs(outputs)
        .build();
  }

  private static ExecutionEvent withoutOwner(final ExecutionEvent event) {
    return ExecutionEvent.newBuilder(event)
        .setRun(RunInfo.newBuilder(event.getRun()).setOwner(null).build())
        .build();
  }

  private static InputArtifact in(final String name) {
    return input(name, null);
  }

  private static OutputArtifact out(final String name) {
    return output(name, null);
  }

  private static String derived(final String name, final String runId) {
    return Digest.sha256(name + "@" + runId).value();
  }

  private static List<String> upstream(final TopologyHarness h, final String digest) {
    return h.queries().lineage(digest, "upstream", "3", null).nodes().stream()
        .map(LineageGraph.Node::id)
        .toList();
  }

  private static Verdict last(final List<Verdict> verdicts, final String artifact) {
    return verdicts.stream()
        .filter(v -> v.getArtifact().equals(artifact))
        .reduce((a, b) -> b)
        .orElseThrow(() -> new AssertionError("no verdict for " + artifact));
  }

  private static List<ReasonCode> codes(final Verdict verdict) {
    return verdict.getReasons().stream().map(Reason::getCode).toList();
  }
}
