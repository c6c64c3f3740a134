package dev.lineagegate.genai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lineagegate.schema.grade.Gaps;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The tools' repositories, which the gaps' wording reads back from a verdict's facts. */
class GeneratorTest {

  @Test
  void shouldNameEveryToolByItsRepositoryWhenTheGapsAreWorded() {
    // Given every generator but NONE / When / Then
    Arrays.stream(Generator.values())
        .filter(g -> g != Generator.NONE)
        .forEach(g -> assertThat(Gaps.tool(g.repository())).as(g.name()).isEqualTo(g.label()));
    assertThat(Gaps.tool(null)).isNull();
  }
}
