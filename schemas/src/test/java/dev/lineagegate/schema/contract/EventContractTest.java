package dev.lineagegate.schema.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lineagegate.avro.ConfigInfo;
import dev.lineagegate.avro.EnvironmentInfo;
import dev.lineagegate.avro.ExecutionEvent;
import dev.lineagegate.avro.InputArtifact;
import dev.lineagegate.avro.OutputArtifact;
import dev.lineagegate.avro.RunInfo;
import dev.lineagegate.schema.json.FieldError;
import dev.lineagegate.testkit.TestEvents;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** DESIGN.md §3.1: what a schema-valid event may still get wrong. */
class EventContractTest {

  private static final Instant NOW = TestEvents.T0.plusSeconds(120);

  @Test
  void shouldFindNothingWhenEventsAreTheFixtures() {
    for (final ExecutionEvent event :
        List.of(
            TestEvents.trainStart(),
            TestEvents.trainComplete(),
            TestEvents.trainFail(),
            TestEvents.minimalStart())) {
      assertThat(EventContract.violations(event, "", NOW)).as(event.getEventId()).isEmpty();
    }
  }

  @Test
  void shouldRefuseWhenEventTimeIsMoreThanFiveMinutesAhead() {
    // Given an event 5 min 1 s ahead of now, and one exactly 5 min ahead
    final ExecutionEvent late =
        ExecutionEvent.newBuilder(TestEvents.minimalStart())
            .setEventTime(NOW.plusSeconds(301))
            .build();
    final ExecutionEvent edge =
        ExecutionEvent.newBuilder(TestEvents.minimalStart())
            .setEventTime(NOW.plusSeconds(300))
            .build();
    // Then only the first is refused
    assertThat(EventContract.violations(late, "/2", NOW))
        .containsExactly(
            new FieldError(
                "/2/eventTime", "is more than 5 minutes in the future (2026-11-22T10:07:01Z)"));
    assertThat(EventContract.violations(edge, "", NOW)).isEmpty();
  }

  @Test
  void shouldNameEveryMalformedDigestWhenSeveralAreWrong() {
    final ExecutionEvent event =
        ExecutionEvent.newBuilder(TestEvents.trainComplete())
            .setConfig(ConfigInfo.newBuilder().setDigest("sha256:ABC").build())
            .setEnvironment(
                EnvironmentInfo.newBuilder().setDigest("md5:00").setLockfile("uv.lock").build())
            .setInputs(List.of(InputArtifact.newBuilder().setName("a").setDigest("abc").build()))
            .setOutputs(List.of(OutputArtifact.newBuilder().setName("m").setDigest("").build()))
            .build();
    assertThat(EventContract.violations(event, "", NOW))
        .containsExactly(
            new FieldError(
                "/config/digest", "must be sha256:<64 lowercase hex>, got \"sha256:ABC\""),
            new FieldError(
                "/environment/digest", "must be sha256:<64 lowercase hex>, got \"md5:00\""),
            new FieldError(
                "/environment/lockfile", "must be sha256:<64 lowercase hex>, got \"uv.lock\""),
            new FieldError("/inputs/0/digest", "must be sha256:<64 lowercase hex>, got \"abc\""),
            new FieldError("/outputs/0/digest", "must be sha256:<64 lowercase hex>, got \"\""));
  }

  @Test
  void shouldRefuseWhenOneNameHasTwoDigestsOrAnOutputIsAnInput() {
    final String other = dev.lineagegate.schema.id.Digest.sha256("other").value();
    final ExecutionEvent event =
        ExecutionEvent.newBuilder(TestEvents.trainComplete())
            .setOutputs(
                List.of(
                    output(TestEvents.MODEL, TestEvents.MODEL_V1.value()),
                    output(TestEvents.MODEL, TestEvents.MODEL_V1.value()),
                    output(TestEvents.MODEL, other),
                    output("copy", TestEvents.FEATURES_V1.value())))
            .build();
    assertThat(EventContract.violations(event, "", NOW))
        .containsExactly(
            new FieldError(
                "/outputs/2/digest",
                "output \"model:churn\" is reported twice with different digests"),
            new FieldError(
                "/outputs/3/digest",
                "equals one of the run's own input digests: a run cannot produce what it"
                    + " consumed"));
  }

  @Test
  void shouldRefuseWhenAnArtifactHasNoIdentity() {
    // Given a START with an input that has neither name nor digest, and an output
    final ExecutionEvent event =
        ExecutionEvent.newBuilder(TestEvents.trainStart())
            .setInputs(List.of(InputArtifact.newBuilder().build()))
            .setOutputs(List.of(output(TestEvents.MODEL, null)))
            .build();
    // When / Then only the nameless input is refused
    assertThat(EventContract.violations(event, "", NOW))
        .containsExactly(new FieldError("/inputs/0", "an input needs a name, a digest or both"));
  }

  @Test
  void shouldAcceptOutputsWhenTheyComeOnStart() {
    // Given a START listing outputs, as OpenLineage integrations and Marquez's seed data send it
    // (DESIGN §3: outputs accumulate on any event)
    final ExecutionEvent event =
        ExecutionEvent.newBuilder(TestEvents.trainStart())
            .setOutputs(List.of(output(TestEvents.MODEL, TestEvents.MODEL_V1.value())))
            .build();
    // When / Then neither rule set refuses it
    assertThat(EventContract.violations(event, "", NOW)).isEmpty();
    assertThat(EventContract.runViolations(event, "", NOW)).isEmpty();
  }

  @Test
  void shouldRefuseWhenIdentifiersHaveControlCharacters() {
    final ExecutionEvent event =
        ExecutionEvent.newBuilder(TestEvents.minimalStart()).setEventId("a\u0000b").build();
    assertThat(EventContract.violations(event, "", NOW))
        .containsExactly(new FieldError("/eventId", "contains a control character"));
  }

  @Test
  void shouldRefuseWhenANameHasAControlCharacter() {
    // Given NUL, a line feed, DEL and a C1 control in each kind of name
    final ExecutionEvent event =
        ExecutionEvent.newBuilder(TestEvents.trainComplete())
            .setRun(
                RunInfo.newBuilder(TestEvents.trainComplete().getRun())
                    .setPipeline("churn\n")
                    .setStep("tr\u0000ain")
                    .setOwner("ml\u007f")
                    .build())
            .setInputs(List.of(InputArtifact.newBuilder().setName("\u0085s3://b/x").build()))
            .setOutputs(List.of(output("model\u0000:churn", TestEvents.MODEL_V1.value())))
            .build();
    // When / Then every one is refused, naming the character and where it is
    assertThat(EventContract.violations(event, "", NOW))
        .containsExactly(
            new FieldError("/run/pipeline", control("000A", 5)),
            new FieldError("/run/step", control("0000", 2)),
            new FieldError("/run/owner", control("007F", 2)),
            new FieldError("/inputs/0/name", control("0085", 0)),
            new FieldError("/outputs/0/name", control("0000", 5)));
  }

  @Test
  void shouldAcceptWhenANameHasAnyOtherCharacter() {
    // Given names with spaces, non-Latin scripts, an emoji and a line separator (not a control)
    final ExecutionEvent event =
        ExecutionEvent.newBuilder(TestEvents.trainComplete())
            .setRun(
                RunInfo.newBuilder(TestEvents.trainComplete().getRun())
                    .setStep("étape d'entraînement")
                    .build())
            .setOutputs(List.of(output("モデル 😀\u2028v1", TestEvents.MODEL_V1.value())))
            .build();
    // When / Then
    assertThat(EventContract.violations(event, "", NOW)).isEmpty();
    assertThat(EventContract.nameViolation("a\tb")).isEqualTo(control("0009", 1));
    assertThat(EventContract.nameViolation(null)).isNull();
  }

  private static String control(final String code, final int index) {
    return "contains a control character (U+"
        + code
        + " at index "
        + index
        + "): names may not contain control characters";
  }

  private static OutputArtifact output(final String name, final String digest) {
    return OutputArtifact.newBuilder().setName(name).setDigest(digest).build();
  }
}
