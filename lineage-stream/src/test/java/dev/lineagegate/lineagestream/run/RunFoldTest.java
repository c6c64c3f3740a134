package dev.lineagegate.lineagestream.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lineagegate.avro.CheckResult;
import dev.lineagegate.avro.CheckSeverity;
import dev.lineagegate.avro.CodeInfo;
import dev.lineagegate.avro.ConfigInfo;
import dev.lineagegate.avro.CostInfo;
import dev.lineagegate.avro.EnvironmentInfo;
import dev.lineagegate.avro.ErrorInfo;
import dev.lineagegate.avro.EventType;
import dev.lineagegate.avro.ExecutionEvent;
import dev.lineagegate.avro.InputArtifact;
import dev.lineagegate.avro.OutputArtifact;
import dev.lineagegate.avro.RunInfo;
import dev.lineagegate.avro.RunMode;
import dev.lineagegate.avro.graph.RunFacts;
import dev.lineagegate.avro.graph.RunState;
import dev.lineagegate.schema.contract.EventContract;
import dev.lineagegate.schema.id.Digest;
import dev.lineagegate.testkit.TestEvents;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link RunFold} against the oracle ({@link RunMerge}, the first design): for seeded random runs,
 * folding the events one at a time, in any order and with duplicates, gives the facts that merging
 * them all at once gives.
 */
class RunFoldTest {

  private static final String RUN = "4f1c2b3a-0000-4000-8000-000000000001";
  private static final Instant T = Instant.parse("2026-11-22T10:00:00Z");
  private static final List<String> NAMES = List.of("s3://raw/a", "s3://raw/b", "model:m", "t");
  private static final List<String> DIGESTS =
      List.of(
          Digest.sha256("a").value(),
          Digest.sha256("b").value(),
          Digest.sha256("c").value(),
          Digest.sha256("d").value());

  @Test
  void shouldGiveTheOraclesFactsWhenEventsArriveInAnyOrderWithDuplicates() {
    for (int seed = 0; seed < 3_000; seed++) {
      // Given a random run of 1 to 6 events, some sharing a time or an eventId order
      final Random random = new Random(seed);
      final List<ExecutionEvent> events = randomRun(random);
      final RunFacts expected = RunMerge.merge(events);

      // When they are folded in a random order, some twice
      final List<ExecutionEvent> arrival = new ArrayList<>(events);
      Collections.shuffle(arrival, random);
      if (random.nextBoolean()) {
        arrival.add(random.nextInt(arrival.size() + 1), arrival.get(0));
      }
      RunState state = empty();
      for (final ExecutionEvent event : arrival) {
        state = RunFold.fold(state, event);
      }

      // Then the facts are the oracle's, and the state keeps no stamp it does not use
      assertThat(RunFold.facts(state)).as("seed %d", seed).isEqualTo(expected);
      assertThat(state.getStamps().size()).as("seed %d", seed).isLessThanOrEqualTo(events.size());
    }
  }

  @Test
  void shouldGiveTheSameFactsWhenAStateOfTheEarlierVersionIsMigrated() {
    // Given a state written by the previous version: the run's events kept one by one
    final RunState legacy = empty();
    legacy.setEvents(List.of(TestEvents.trainStart(), TestEvents.trainComplete()));

    // When it is read
    final RunState migrated = RunFold.migrate(legacy);

    // Then its events are folded into a picture and no longer kept
    assertThat(migrated.getEvents()).isEmpty();
    assertThat(migrated.getEventCount()).isEqualTo(2);
    assertThat(RunFold.facts(migrated))
        .isEqualTo(RunMerge.merge(List.of(TestEvents.trainStart(), TestEvents.trainComplete())));
  }

  @Test
  void shouldKeepTheStateSizeConstantWhenARunSendsTheSameShapeOfEventForever() throws IOException {
    // Given a run that has sent 10 heartbeats
    RunState state = empty();
    for (int i = 0; i < 10; i++) {
      state = RunFold.fold(state, heartbeat(i));
    }
    final int after10 = state.toByteBuffer().remaining();

    // When it sends 1,000 more
    for (int i = 10; i < 1_010; i++) {
      state = RunFold.fold(state, heartbeat(i));
    }

    // Then its state did not grow (only the number of events did)
    assertThat(state.toByteBuffer().remaining()).isLessThanOrEqualTo(after10 + 8);
    assertThat(state.getEventCount()).isEqualTo(1_010);
  }

  @Test
  void shouldKeepOnlyTheLatestVersionOfAnOutputWhenAStreamingRunWritesNewOnesForever()
      throws IOException {
    // Given a streaming run that has written 10 versions of its topic, one per heartbeat
    final String run = TestEvents.runId(0x5e2);
    RunState state = empty(run);
    for (int beat = 0; beat < 10; beat++) {
      state = RunFold.fold(state, TestEvents.streamingHeartbeat(run, beat, version(beat)));
    }
    final int after10 = state.toByteBuffer().remaining();

    // When it writes 300 more: more than a run may list outputs (RunLimits.MAX_OUTPUTS)
    for (int beat = 10; beat < 310; beat++) {
      state = RunFold.fold(state, TestEvents.streamingHeartbeat(run, beat, version(beat)));
    }

    // Then the run lists the version it writes now (each earlier one was produced when listed),
    // its state stays the size it was, and it is not taken for one name with two digests
    final RunFacts facts = RunFold.facts(state);
    assertThat(facts.getMerged().getOutputs())
        .containsExactly(TestEvents.output(TestEvents.ENRICHED, version(309)));
    assertThat(state.toByteBuffer().remaining()).isLessThanOrEqualTo(after10 + 8);
    assertThat(RunLimits.exceeded(run, state.getPicture())).isNull();
    assertThat(EventContract.runViolations(facts.getMerged(), "", T.plusSeconds(10_000))).isEmpty();
  }

  @Test
  void shouldKeepBothDigestsWhenABatchRunListsOneOutputNameWithTwo() {
    // Given a batch run that listed model:churn at one digest on START
    final ExecutionEvent start =
        ExecutionEvent.newBuilder(TestEvents.trainStart())
            .setOutputs(List.of(TestEvents.output(TestEvents.MODEL, TestEvents.MODEL_V0)))
            .build();
    RunState state = RunFold.fold(empty(TestEvents.TRAIN_RUN), start);

    // When its COMPLETE lists it at another
    state = RunFold.fold(state, TestEvents.trainComplete());

    // Then both are kept, so that the run-level contract sees the conflict (DESIGN.md §3.1)
    assertThat(RunFold.facts(state).getMerged().getOutputs())
        .extracting(OutputArtifact::getDigest)
        .containsExactly(TestEvents.MODEL_V0.value(), TestEvents.MODEL_V1.value());
  }

  private static Digest version(final int n) {
    return Digest.sha256("enriched v" + n);
  }

  private static ExecutionEvent heartbeat(final int i) {
    return ExecutionEvent.newBuilder(TestEvents.minimalStart())
        .setEventId(String.format("00000000-0000-4000-8000-%012d", i))
        .setEventTime(T.plusSeconds(i))
        .setInputs(List.of(new InputArtifact("s3://raw/a", DIGESTS.get(0), null)))
        .build();
  }

  static RunState empty() {
    return empty(RUN);
  }

  private static RunState empty(final String runId) {
    return RunState.newBuilder()
        .setRunId(runId)
        .setEvents(new ArrayList<>())
        .setMalformed(new ArrayList<>())
        .setStalled(false)
        .build();
  }

  private static List<ExecutionEvent> randomRun(final Random random) {
    final int count = 1 + random.nextInt(6);
    final List<ExecutionEvent> events = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      events.add(randomEvent(random, i));
    }
    return events;
  }

  private static ExecutionEvent randomEvent(final Random random, final int i) {
    final EventType type = EventType.values()[random.nextInt(3)];
    return ExecutionEvent.newBuilder()
        .setEventId(String.format("00000000-0000-4000-8000-%012d", random.nextInt(1_000_000)))
        .setEventType(type)
        .setEventTime(T.plusSeconds(random.nextInt(3)))
        .setRun(
            new RunInfo(
                RUN,
                pick(random, null, "", "churn", "fraud"),
                pick(random, "train", "train-v2"),
                pick(random, null, " ", "ml", "data"),
                pick(random, null, 1, 2),
                pick(random, null, RunMode.BATCH, RunMode.STREAMING)))
        .setCode(
            pick(random, null, new CodeInfo("r", "v" + i, false), new CodeInfo(null, null, null)))
        .setConfig(pick(random, null, new ConfigInfo(DIGESTS.get(i % 4), Map.of("lr", "" + i))))
        .setSeed(pick(random, null, 7L, (long) i))
        .setEnvironment(
            pick(
                random,
                null,
                new EnvironmentInfo(DIGESTS.get(1), "img" + i, null, Map.of(), Map.of(), Map.of())))
        .setInputs(inputs(random))
        .setOutputs(outputs(random))
        .setCost(
            pick(
                random,
                null,
                new CostInfo((long) i, null, 1.5, null),
                new CostInfo(null, 2.0, null, 5L)))
        .setChecks(checks(random, i))
        .setError(pick(random, null, new ErrorInfo("boom" + i, null, null)))
        .setProducer(pick(random, null, "", "client/" + i))
        .build();
  }

  private static List<InputArtifact> inputs(final Random random) {
    final List<InputArtifact> inputs = new ArrayList<>();
    for (int n = random.nextInt(4); n > 0; n--) {
      final String name = pick(random, null, NAMES.get(random.nextInt(NAMES.size())));
      final String digest =
          name == null
              ? DIGESTS.get(random.nextInt(DIGESTS.size()))
              : pick(random, null, DIGESTS.get(random.nextInt(DIGESTS.size())));
      inputs.add(new InputArtifact(name, digest, pick(random, null, T.minusSeconds(60))));
    }
    return inputs;
  }

  private static List<OutputArtifact> outputs(final Random random) {
    final List<OutputArtifact> outputs = new ArrayList<>();
    for (int n = random.nextInt(3); n > 0; n--) {
      outputs.add(
          new OutputArtifact(
              pick(random, null, NAMES.get(random.nextInt(NAMES.size()))),
              pick(random, null, DIGESTS.get(random.nextInt(DIGESTS.size()))),
              pick(random, null, 10L, 20L)));
    }
    return outputs;
  }

  private static List<CheckResult> checks(final Random random, final int i) {
    final List<CheckResult> checks = new ArrayList<>();
    for (int n = random.nextInt(3); n > 0; n--) {
      checks.add(
          new CheckResult(
              pick(random, "auc", "rows"), random.nextBoolean(), CheckSeverity.ERROR, "" + i));
    }
    return checks;
  }

  @SafeVarargs
  private static <T> T pick(final Random random, final T... choices) {
    return choices[random.nextInt(choices.length)];
  }
}
