package dev.lineagegate.lineagestream.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.lineagegate.avro.CheckResult;
import dev.lineagegate.avro.CheckSeverity;
import dev.lineagegate.avro.CodeInfo;
import dev.lineagegate.avro.EventType;
import dev.lineagegate.avro.ExecutionEvent;
import dev.lineagegate.avro.InputArtifact;
import dev.lineagegate.avro.OutputArtifact;
import dev.lineagegate.avro.RunInfo;
import dev.lineagegate.avro.graph.RunFacts;
import dev.lineagegate.testkit.TestEvents;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunMergeTest {

  private static final String RAW = "s3://raw/events.json";

  @Test
  void shouldMergeStartAndCompleteWhenInOrder() {
    // Given
    final List<ExecutionEvent> events =
        List.of(TestEvents.trainStart(), TestEvents.trainComplete());

    // When
    final RunFacts facts = RunMerge.merge(events);

    // Then
    final RunFacts expected =
        RunFacts.newBuilder()
            .setRunId(TestEvents.TRAIN_RUN)
            .setMerged(TestEvents.trainComplete())
            .setStartedAt(TestEvents.T0)
            .setEndedAt(TestEvents.T0.plusSeconds(60))
            .setRecipe(Recipes.of(TestEvents.trainComplete()).value())
            .setMalformed(List.of())
            .build();
    assertThat(facts).isEqualTo(expected);
  }

  @Test
  void shouldGiveSameFactsWhenCompleteArrivesBeforeStart() {
    // Given
    final List<ExecutionEvent> inOrder =
        List.of(TestEvents.trainStart(), TestEvents.trainComplete());
    final List<ExecutionEvent> reversed =
        List.of(TestEvents.trainComplete(), TestEvents.trainStart());

    // When
    final RunFacts fromReversed = RunMerge.merge(reversed);

    // Then
    assertThat(fromReversed).isEqualTo(RunMerge.merge(inOrder));
  }

  @Test
  void shouldTakeLatestNonNullMetadataWhenEventsDisagree() {
    // Given
    final ExecutionEvent start =
        ExecutionEvent.newBuilder(TestEvents.minimalStart())
            .setCode(CodeInfo.newBuilder().setVersion("old").setDirty(true).build())
            .setSeed(7L)
            .setRun(
                RunInfo.newBuilder(TestEvents.minimalStart().getRun()).setOwner("alice").build())
            .build();
    final ExecutionEvent complete =
        ExecutionEvent.newBuilder(TestEvents.minimalStart())
            .setEventId(TestEvents.COMPLETE_EVENT)
            .setEventType(EventType.COMPLETE)
            .setEventTime(TestEvents.T0.plusSeconds(60))
            .setCode(CodeInfo.newBuilder().setVersion("new").setDirty(false).build())
            .setSeed(null)
            .setRun(
                RunInfo.newBuilder(TestEvents.minimalStart().getRun()).setPipeline("churn").build())
            .build();

    // When
    final ExecutionEvent merged = RunMerge.merge(List.of(complete, start)).getMerged();

    // Then
    final ExecutionEvent expected =
        ExecutionEvent.newBuilder(complete)
            .setSeed(7L)
            .setRun(
                RunInfo.newBuilder(TestEvents.minimalStart().getRun())
                    .setPipeline("churn")
                    .setOwner("alice")
                    .build())
            .build();
    assertThat(merged).isEqualTo(expected);
  }

  @Test
  void shouldFillInputDigestWhenLaterEventNamesItWithDigest() {
    // Given
    final ExecutionEvent start =
        ExecutionEvent.newBuilder(TestEvents.minimalStart())
            .setInputs(
                List.of(
                    InputArtifact.newBuilder().setName(TestEvents.FEATURES).build(),
                    InputArtifact.newBuilder().setName(RAW).build()))
            .build();
    final ExecutionEvent complete =
        complete(
            List.of(
                InputArtifact.newBuilder()
                    .setName(TestEvents.FEATURES)
                    .setDigest(TestEvents.FEATURES_V1.value())
                    .build()),
            List.of());

    // When
    final List<InputArtifact> inputs =
        RunMerge.merge(List.of(complete, start)).getMerged().getInputs();

    // Then
    assertThat(inputs)
        .containsExactly(
            InputArtifact.newBuilder()
                .setName(TestEvents.FEATURES)
                .setDigest(TestEvents.FEATURES_V1.value())
                .build(),
            InputArtifact.newBuilder().setName(RAW).build());
  }

  @Test
  void shouldKeepInputDigestWhenLaterEventNamesItWithoutDigest() {
    // Given
    final InputArtifact versioned =
        InputArtifact.newBuilder()
            .setName(TestEvents.FEATURES)
            .setDigest(TestEvents.FEATURES_V1.value())
            .setProducedAt(TestEvents.T0.minusSeconds(3600))
            .build();
    final ExecutionEvent start =
        ExecutionEvent.newBuilder(TestEvents.minimalStart()).setInputs(List.of(versioned)).build();
    final ExecutionEvent complete =
        complete(
            List.of(InputArtifact.newBuilder().setName(TestEvents.FEATURES).build()), List.of());

    // When
    final List<InputArtifact> inputs =
        RunMerge.merge(List.of(start, complete)).getMerged().getInputs();

    // Then
    assertThat(inputs).containsExactly(versioned);
  }

  @Test
  void shouldUniteOutputsAndChecksWhenSpreadOverEvents() {
    // Given
    final OutputArtifact model =
        OutputArtifact.newBuilder()
            .setName(TestEvents.MODEL)
            .setDigest(TestEvents.MODEL_V1.value())
            .build();
    final OutputArtifact report = OutputArtifact.newBuilder().setName("report").build();
    final CheckResult aucFailed = check("auc>=0.8", false);
    final CheckResult aucPassed = check("auc>=0.8", true);
    final CheckResult rows = check("rows>0", true);
    final ExecutionEvent fail =
        ExecutionEvent.newBuilder(complete(List.of(), List.of(model)))
            .setEventType(EventType.FAIL)
            .setEventId("0b9d2a61-4c3e-4f8a-9e2b-1a2b3c4d5e04")
            .setChecks(List.of(aucFailed, rows))
            .build();
    final ExecutionEvent complete =
        ExecutionEvent.newBuilder(complete(List.of(), List.of(model, report)))
            .setEventTime(TestEvents.T0.plusSeconds(120))
            .setChecks(List.of(aucPassed))
            .build();

    // When
    final ExecutionEvent merged =
        RunMerge.merge(List.of(complete, TestEvents.minimalStart(), fail)).getMerged();

    // Then
    assertThat(merged.getOutputs()).containsExactly(model, report);
    assertThat(merged.getChecks()).containsExactly(aucPassed, rows);
  }

  @Test
  void shouldTakeOutcomeAndEndFromLatestTerminalEventWhenRunFailsThenCompletes() {
    // Given
    final ExecutionEvent fail =
        ExecutionEvent.newBuilder(TestEvents.trainFail())
            .setEventTime(TestEvents.T0.plusSeconds(30))
            .build();
    final ExecutionEvent complete = TestEvents.trainComplete();

    // When
    final RunFacts facts = RunMerge.merge(List.of(complete, fail, TestEvents.trainStart()));

    // Then
    assertThat(facts.getMerged().getEventType()).isEqualTo(EventType.COMPLETE);
    assertThat(facts.getMerged().getEventId()).isEqualTo(TestEvents.COMPLETE_EVENT);
    assertThat(facts.getStartedAt()).isEqualTo(TestEvents.T0);
    assertThat(facts.getEndedAt()).isEqualTo(TestEvents.T0.plusSeconds(60));
  }

  @Test
  void shouldTakeFailAsOutcomeWhenItIsTheLatestTerminalEvent() {
    // Given
    final ExecutionEvent fail =
        ExecutionEvent.newBuilder(TestEvents.trainFail())
            .setEventTime(TestEvents.T0.plusSeconds(90))
            .build();

    // When
    final RunFacts facts =
        RunMerge.merge(List.of(fail, TestEvents.trainComplete(), TestEvents.trainStart()));

    // Then
    assertThat(facts.getMerged().getEventType()).isEqualTo(EventType.FAIL);
    assertThat(facts.getEndedAt()).isEqualTo(TestEvents.T0.plusSeconds(90));
  }

  @Test
  void shouldLeaveEndAndOutcomeOpenWhenOnlyStartSeen() {
    // Given
    final List<ExecutionEvent> events = List.of(TestEvents.trainStart());

    // When
    final RunFacts facts = RunMerge.merge(events);

    // Then
    assertThat(facts.getMerged().getEventType()).isEqualTo(EventType.START);
    assertThat(facts.getStartedAt()).isEqualTo(TestEvents.T0);
    assertThat(facts.getEndedAt()).isNull();
  }

  @Test
  void shouldLeaveStartOpenWhenOnlyCompleteSeen() {
    // Given
    final List<ExecutionEvent> events = List.of(TestEvents.trainComplete());

    // When
    final RunFacts facts = RunMerge.merge(events);

    // Then
    assertThat(facts.getStartedAt()).isNull();
    assertThat(facts.getEndedAt()).isEqualTo(TestEvents.T0.plusSeconds(60));
  }

  @Test
  void shouldRefuseWhenThereAreNoEvents() {
    // Given
    final List<ExecutionEvent> none = List.of();

    // When
    final Throwable thrown = catchThrowable(() -> RunMerge.merge(none));

    // Then
    assertThat(thrown)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a run has at least one event");
  }

  private static ExecutionEvent complete(
      final List<InputArtifact> inputs, final List<OutputArtifact> outputs) {
    return ExecutionEvent.newBuilder(TestEvents.minimalStart())
        .setEventId(TestEvents.COMPLETE_EVENT)
        .setEventType(EventType.COMPLETE)
        .setEventTime(TestEvents.T0.plusSeconds(60))
        .setInputs(inputs)
        .setOutputs(outputs)
        .build();
  }

  private static CheckResult check(final String name, final boolean passed) {
    return CheckResult.newBuilder()
        .setName(name)
        .setPassed(passed)
        .setSeverity(CheckSeverity.ERROR)
        .build();
  }

  @Test
  void shouldReportOneInputWhenOneEventGivesItByDigestAndAnotherByNameAndDigest() {
    // Given a START giving the features by digest only, and a COMPLETE naming them too
    final ExecutionEvent start =
        ExecutionEvent.newBuilder(TestEvents.trainStart())
            .setInputs(List.of(TestEvents.input(null, TestEvents.FEATURES_V1)))
            .build();

    // When they are merged
    final RunFacts facts = RunMerge.merge(List.of(start, TestEvents.trainComplete()));

    // Then the run has one input, the named one
    assertThat(facts.getMerged().getInputs()).isEqualTo(TestEvents.trainComplete().getInputs());
  }

  @Test
  void shouldKeepTheOwnerWhenALaterEventReportsABlankOne() {
    // Given a COMPLETE whose owner is blank
    final ExecutionEvent complete =
        ExecutionEvent.newBuilder(TestEvents.trainComplete())
            .setRun(RunInfo.newBuilder(TestEvents.trainComplete().getRun()).setOwner(" ").build())
            .build();

    // When it is merged after the START that named the owner
    final RunFacts facts = RunMerge.merge(List.of(TestEvents.trainStart(), complete));

    // Then the owner stays
    assertThat(facts.getMerged().getRun().getOwner()).isEqualTo("ml-platform");
  }
}
