package dev.lineagegate.lineagestream.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lineagegate.avro.ExecutionEvent;
import dev.lineagegate.avro.InputArtifact;
import dev.lineagegate.schema.id.Digest;
import dev.lineagegate.testkit.TestEvents;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecipesTest {

  private static final String FEATURES_V1 =
      "sha256:a9049d17bb9c5737c25792cfdc7e04c984976ea10caa945f46b656755f634802";
  private static final String FEATURES_V2 =
      "sha256:69ab25d24b70b959cde43184ef4de7ff1ba28390101f8c5b05d1ae1a31ebb284";

  @Test
  void shouldWriteCanonicalJsonWhenRunIsFullyDescribed() {
    // Given
    final ExecutionEvent merged = TestEvents.trainComplete();

    // When
    final String json = Recipes.canonicalJson(merged);

    // Then
    assertThat(json)
        .isEqualTo(
            "{\"codeVersion\":\"9f2c4e1\","
                + "\"configDigest\":\"sha256:4c6c538357a298a9215f96fb697603e01a78cbdc4eef60ce90bd35ad03bee27b\","
                + "\"environmentDigest\":\"sha256:28d4c0d201fe9ade520e9575662d2bf268b515bf9ecf05c82f47fe2b3469d319\","
                + "\"inputs\":[\""
                + FEATURES_V1
                + "\"],\"seed\":42,\"step\":\"train\"}");
  }

  @Test
  void shouldBeSha256OfCanonicalJsonWhenRecipeIsComputed() {
    // Given
    final ExecutionEvent merged = TestEvents.trainComplete();

    // When
    final Digest recipe = Recipes.of(merged);

    // Then
    assertThat(recipe)
        .isEqualTo(
            Digest.parse(
                "sha256:592b1ba35f62b3c0c72bf6b5710cad573c351019c7b25ce57ca2aa27c409ddd6"));
  }

  @Test
  void shouldWriteNullsWhenOnlyRequiredFieldsAreKnown() {
    // Given
    final ExecutionEvent merged = TestEvents.minimalStart();

    // When
    final String json = Recipes.canonicalJson(merged);

    // Then
    assertThat(json)
        .isEqualTo(
            "{\"codeVersion\":null,\"configDigest\":null,\"environmentDigest\":null,"
                + "\"inputs\":[],\"seed\":null,\"step\":\"train\"}");
  }

  @Test
  void shouldSortDistinctDigestsAndIgnoreUnversionedWhenListingInputs() {
    // Given
    final ExecutionEvent merged =
        ExecutionEvent.newBuilder(TestEvents.minimalStart())
            .setInputs(
                List.of(
                    input("b", FEATURES_V1),
                    input("a", FEATURES_V2),
                    input("c", null),
                    input("d", FEATURES_V1)))
            .build();

    // When
    final String json = Recipes.canonicalJson(merged);

    // Then
    assertThat(json)
        .isEqualTo(
            "{\"codeVersion\":null,\"configDigest\":null,\"environmentDigest\":null,"
                + "\"inputs\":[\""
                + FEATURES_V2
                + "\",\""
                + FEATURES_V1
                + "\"],\"seed\":null,\"step\":\"train\"}");
  }

  @Test
  void shouldGiveEqualRecipesWhenRunsDifferOnlyInOrderOfInputs() {
    // Given
    final ExecutionEvent first =
        ExecutionEvent.newBuilder(TestEvents.trainComplete())
            .setInputs(List.of(input("x", FEATURES_V1), input("y", FEATURES_V2)))
            .build();
    final ExecutionEvent second =
        ExecutionEvent.newBuilder(TestEvents.trainComplete())
            .setEventId(TestEvents.START_EVENT)
            .setInputs(List.of(input("y", FEATURES_V2), input("x", FEATURES_V1)))
            .build();

    // When
    final Digest a = Recipes.of(first);
    final Digest b = Recipes.of(second);

    // Then
    assertThat(a).isEqualTo(b);
  }

  @Test
  void shouldGiveDifferentRecipesWhenSeedDiffers() {
    // Given
    final ExecutionEvent seeded42 = TestEvents.trainComplete();
    final ExecutionEvent seeded43 =
        ExecutionEvent.newBuilder(TestEvents.trainComplete()).setSeed(43L).build();

    // When
    final Digest a = Recipes.of(seeded42);
    final Digest b = Recipes.of(seeded43);

    // Then
    assertThat(a).isNotEqualTo(b);
  }

  @Test
  void shouldGiveDifferentRecipesWhenSeedGoesMissing() {
    // Given
    final ExecutionEvent seeded = TestEvents.trainComplete();
    final ExecutionEvent unseeded =
        ExecutionEvent.newBuilder(TestEvents.trainComplete()).setSeed(null).build();

    // When
    final Digest a = Recipes.of(seeded);
    final Digest b = Recipes.of(unseeded);

    // Then
    assertThat(a).isNotEqualTo(b);
  }

  private static InputArtifact input(final String name, final String digest) {
    return InputArtifact.newBuilder().setName(name).setDigest(digest).build();
  }
}
