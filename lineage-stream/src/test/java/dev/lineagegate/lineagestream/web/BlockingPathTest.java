package dev.lineagegate.lineagestream.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BlockingPathTest {

  // raw -> r1 -> model -> r2 -> image <- r2 <- report <- r3 <- clean ; other -> r4 -> side
  // (unrelated)
  private static final List<String[]> EDGES =
      List.of(
          new String[] {"raw", "r1"},
          new String[] {"r1", "model"},
          new String[] {"model", "r2"},
          new String[] {"report", "r2"},
          new String[] {"r2", "image"},
          new String[] {"clean", "r3"},
          new String[] {"r3", "report"},
          new String[] {"other", "r4"},
          new String[] {"r4", "side"});

  @Test
  void shouldMarkThePathFromTheBlockingAncestorToTheRootWhenTheVerdictNamesIt() {
    // Given the image is blocked because of the model
    final Set<String> blockers = Set.of("model");

    // When
    final Set<String> path = BlockingPath.between("image", blockers, EDGES);

    // Then the model, the run between and the image; not the model's own inputs or the report
    assertThat(path).containsExactlyInAnyOrder("model", "r2", "image");
  }

  @Test
  void shouldMarkNothingWhenTheBlockingAncestorIsNotInTheGraph() {
    // Given an ancestor beyond the depth shown
    final Set<String> blockers = Set.of("far-away");

    // When
    final Set<String> path = BlockingPath.between("image", blockers, EDGES);

    // Then
    assertThat(path).isEmpty();
  }

  @Test
  void shouldMarkEveryPathWhenTwoAncestorsBlock() {
    // Given
    final Set<String> blockers = Set.of("model", "clean");

    // When
    final Set<String> path = BlockingPath.between("image", blockers, EDGES);

    // Then
    assertThat(path)
        .containsExactlyInAnyOrder("model", "r2", "image", "clean", "r3", "report")
        .doesNotContain("other", "side", "raw");
  }
}
