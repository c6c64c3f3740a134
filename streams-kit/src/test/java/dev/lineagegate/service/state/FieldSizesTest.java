package dev.lineagegate.service.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lineagegate.avro.graph.Determinism;
import dev.lineagegate.avro.graph.RunDigest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FieldSizesTest {

  private static final String DIGEST = "sha256:" + "a".repeat(64);

  @Test
  void shouldMeasureAFreshValueAsAWholeWalkDoes() {
    // Given a value never measured
    final Determinism value = determinism(3);

    // When it is measured
    final FieldSizes sizes = FieldSizes.of(value, null);

    // Then the total is the upper bound of the whole value
    assertThat(sizes.total()).isEqualTo(AvroSizes.upperBound(value));
  }

  @Test
  void shouldMeasureAChangedValueAsAWholeWalkDoesWhenOnlySomeItemsAreNew() {
    // Given a measured value, then a copy of it with one item replaced, one added, a field changed
    final Determinism before = determinism(3);
    final FieldSizes measured = FieldSizes.of(before, null);
    final List<RunDigest> runs = new ArrayList<>(before.getRuns());
    runs.set(1, new RunDigest("run-with-a-much-longer-identifier", DIGEST));
    runs.add(new RunDigest("run-9", DIGEST));
    final Determinism after = new Determinism(before.getRecipe(), "models/renamed/longer", runs);

    // When the new value is measured from the previous measure
    final FieldSizes sizes = FieldSizes.of(after, measured);

    // Then the total is what a whole walk gives
    assertThat(sizes.total()).isEqualTo(AvroSizes.upperBound(after));
    assertThat(sizes.total()).isGreaterThan(measured.total());
  }

  @Test
  void shouldMeasureAShorterListAsAWholeWalkDoes() {
    // Given a measured value, then one whose list lost items
    final Determinism before = determinism(5);
    final FieldSizes measured = FieldSizes.of(before, null);
    final Determinism after =
        new Determinism(before.getRecipe(), before.getName(), before.getRuns().subList(0, 2));

    // When it is measured from the previous measure
    final FieldSizes sizes = FieldSizes.of(after, measured);

    // Then the total is what a whole walk gives
    assertThat(sizes.total()).isEqualTo(AvroSizes.upperBound(after));
  }

  private static Determinism determinism(final int runs) {
    final List<RunDigest> digests = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      digests.add(new RunDigest("run-" + i, DIGEST));
    }
    return new Determinism("recipe-1", "models/m", digests);
  }
}
