package dev.lineagegate.lineagestream.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lineagegate.avro.CodeInfo;
import dev.lineagegate.avro.ConfigInfo;
import dev.lineagegate.avro.EnvironmentInfo;
import dev.lineagegate.avro.ExecutionEvent;
import dev.lineagegate.avro.InputArtifact;
import dev.lineagegate.avro.Reproducibility;
import dev.lineagegate.avro.ReproducibilityGrade;
import dev.lineagegate.avro.graph.RunFacts;
import dev.lineagegate.testkit.TestEvents;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReproducibilityGradesTest {

  @Test
  void shouldGradeNoneWhenNoProducingRunIsKnown() {
    // Given
    final Reproducibility expected =
        new Reproducibility(ReproducibilityGrade.NONE, List.of("no producing run known"));

    // When
    final Reproducibility grade = ReproducibilityGrades.none();

    // Then
    assertThat(grade).isEqualTo(expected);
  }

  @Test
  void shouldGradeFullWhenEverythingIsCapturedAndDeterministic() {
    // Given
    final RunFacts run = RuleFixtures.trainRun();

    // When
    final Reproducibility grade = ReproducibilityGrades.of(run, false);

    // Then
    assertThat(grade).isEqualTo(new Reproducibility(ReproducibilityGrade.FULL, List.of()));
  }

  @Test
  void shouldGradePartialWithEveryGapWhenOnlyRequiredFieldsAreKnown() {
    // Given
    final RunFacts run =
        RuleFixtures.runOf(
            ExecutionEvent.newBuilder(TestEvents.minimalStart())
                .setInputs(
                    List.of(
                        InputArtifact.newBuilder().setName(TestEvents.FEATURES).build(),
                        InputArtifact.newBuilder()
                            .setName("s3://b/labels.parquet")
                            .setDigest(RuleFixtures.RAW_V1.value())
                            .build()))
                .build());

    // When
    final Reproducibility grade = ReproducibilityGrades.of(run, true);

    // Then
    assertThat(grade)
        .isEqualTo(
            new Reproducibility(
                ReproducibilityGrade.PARTIAL,
                List.of(
                    "code version not captured",
                    "config digest not captured",
                    "environment digest not captured",
                    "seed not captured",
                    "input s3://b/features.parquet has no digest")));
  }

  @Test
  void shouldGradePartialWhenCodeHasNoVersion() {
    // Given
    final RunFacts run = with(complete().setCode(CodeInfo.newBuilder().setRepository("r").build()));

    // When
    final Reproducibility grade = ReproducibilityGrades.of(run, false);

    // Then
    assertThat(grade).isEqualTo(partial("code version not captured"));
  }

  @Test
  void shouldKeepTheGeneralWordsWhenARunThatIsNoImportNamesAModelsFolder() {
    // Given a pipeline's run reading s3://models/... without digest: not an imported model file
    final RunFacts run =
        with(
            complete()
                .setInputs(
                    List.of(InputArtifact.newBuilder().setName("s3://models/churn.pkl").build())));

    // When
    final Reproducibility grade = ReproducibilityGrades.of(run, false);

    // Then
    assertThat(grade).isEqualTo(partial("input s3://models/churn.pkl has no digest"));
  }

  @Test
  void shouldNameTheToolWhenARepositoryHasNoVersion() {
    // Given an imported ComfyUI image: the tool's repository is known, its version is not
    final RunFacts run =
        with(
            complete()
                .setCode(
                    CodeInfo.newBuilder()
                        .setRepository("https://github.com/comfyanonymous/ComfyUI")
                        .build()));

    // When
    final Reproducibility grade = ReproducibilityGrades.of(run, false);

    // Then
    assertThat(grade).isEqualTo(partial("ComfyUI version not recorded"));
  }

  @Test
  void shouldSayAModelFileIsNotContentAddressedWhenAnImportedModelHasNoDigest() {
    // Given
    final RunFacts run =
        with(
            complete()
                .setInputs(
                    List.of(
                        InputArtifact.newBuilder()
                            .setName("comfyui://models/checkpoints/v1-5-pruned-emaonly.ckpt")
                            .build(),
                        InputArtifact.newBuilder().setName("comfyui://input/photo.png").build())));

    // When
    final Reproducibility grade = ReproducibilityGrades.of(run, false);

    // Then
    assertThat(grade.getGaps())
        .containsExactly(
            "model file v1-5-pruned-emaonly.ckpt not content-addressed",
            "input file photo.png not content-addressed");
  }

  @Test
  void shouldGradeNoneWithTheGapsWhenTheRunRecordedNothingAboutHowItMadeItsOutputs() {
    // Given an import of an image without generation metadata: no code, config, environment,
    // seed or input
    final RunFacts run = RuleFixtures.runOf(TestEvents.minimalStart());

    // When
    final Reproducibility grade = ReproducibilityGrades.of(run, false);

    // Then
    assertThat(grade)
        .isEqualTo(
            new Reproducibility(
                ReproducibilityGrade.NONE,
                List.of(
                    "nothing recorded about how it was made",
                    "code version not captured",
                    "config digest not captured",
                    "environment digest not captured",
                    "seed not captured")));
  }

  @Test
  void shouldGradePartialWhenCodeVersionIsBlank() {
    // Given
    final RunFacts run =
        with(complete().setCode(CodeInfo.newBuilder().setVersion(" ").setDirty(false).build()));

    // When
    final Reproducibility grade = ReproducibilityGrades.of(run, false);

    // Then
    assertThat(grade).isEqualTo(partial("code version not captured"));
  }

  @Test
  void shouldGradePartialWhenConfigDigestIsMissing() {
    // Given
    final RunFacts run = with(complete().setConfig(ConfigInfo.newBuilder().build()));

    // When
    final Reproducibility grade = ReproducibilityGrades.of(run, false);

    // Then
    assertThat(grade).isEqualTo(partial("config digest not captured"));
  }

  @Test
  void shouldGradePartialWhenEnvironmentDigestIsMissing() {
    // Given
    final RunFacts run = with(complete().setEnvironment(EnvironmentInfo.newBuilder().build()));

    // When
    final Reproducibility grade = ReproducibilityGrades.of(run, false);

    // Then
    assertThat(grade).isEqualTo(partial("environment digest not captured"));
  }

  @Test
  void shouldGradePartialWhenSeedIsMissing() {
    // Given
    final RunFacts run = with(complete().setSeed(null));

    // When
    final Reproducibility grade = ReproducibilityGrades.of(run, false);

    // Then
    assertThat(grade).isEqualTo(partial("seed not captured"));
  }

  @Test
  void shouldGradePartialWhenAnInputHasNoDigest() {
    // Given
    final RunFacts run =
        with(
            complete()
                .setInputs(
                    List.of(InputArtifact.newBuilder().setName(TestEvents.FEATURES).build())));

    // When
    final Reproducibility grade = ReproducibilityGrades.of(run, false);

    // Then
    assertThat(grade).isEqualTo(partial("input s3://b/features.parquet has no digest"));
  }

  @Test
  void shouldGradeApproximateWhenNonDeterminismWasObserved() {
    // Given
    final RunFacts run = RuleFixtures.trainRun();

    // When
    final Reproducibility grade = ReproducibilityGrades.of(run, true);

    // Then
    assertThat(grade)
        .isEqualTo(
            new Reproducibility(
                ReproducibilityGrade.APPROXIMATE,
                List.of("non-determinism observed for recipe " + run.getRecipe())));
  }

  @Test
  void shouldGradeApproximateWhenCodeWasDirty() {
    // Given
    final ExecutionEvent complete = TestEvents.trainComplete();
    final RunFacts run =
        with(complete().setCode(CodeInfo.newBuilder(complete.getCode()).setDirty(true).build()));

    // When
    final Reproducibility grade = ReproducibilityGrades.of(run, true);

    // Then
    assertThat(grade)
        .isEqualTo(
            new Reproducibility(
                ReproducibilityGrade.APPROXIMATE,
                List.of(
                    "non-determinism observed for recipe " + run.getRecipe(),
                    "code was dirty (uncommitted changes)")));
  }

  private static Reproducibility partial(final String gap) {
    return new Reproducibility(ReproducibilityGrade.PARTIAL, List.of(gap));
  }

  private static ExecutionEvent.Builder complete() {
    return ExecutionEvent.newBuilder(TestEvents.trainComplete());
  }

  private static RunFacts with(final ExecutionEvent.Builder merged) {
    return RuleFixtures.runOf(merged.build());
  }
}
