package dev.lineagegate.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GlobTest {

  @Test
  void shouldStayWithinOneSegmentWhenSingleStar() {
    // Given
    final Glob glob = Glob.compile("train*");
    // When / Then
    assertThat(glob.matches("train")).isTrue();
    assertThat(glob.matches("train-large")).isTrue();
    assertThat(glob.matches("train/eval")).isFalse();
    assertThat(glob.matches("churn/train")).isFalse();
  }

  @Test
  void shouldCrossSegmentsWhenDoubleStar() {
    // Given
    final Glob deep = Glob.compile("s3://raw/**");
    final Glob shallow = Glob.compile("s3://raw/*");
    // When / Then
    assertThat(deep.matches("s3://raw/x/y.parquet")).isTrue();
    assertThat(deep.matches("s3://raw/y.parquet")).isTrue();
    assertThat(deep.matches("s3://rawer/y.parquet")).isFalse();
    assertThat(shallow.matches("s3://raw/y.parquet")).isTrue();
    assertThat(shallow.matches("s3://raw/x/y.parquet")).isFalse();
  }

  @Test
  void shouldMatchStepsOfAnyPipelineWhenStarBeforeSlash() {
    // Given
    final Glob anyPipeline = Glob.compile("*/train");
    final Glob anyDepth = Glob.compile("**/train");
    // When / Then
    assertThat(anyPipeline.matches("churn/train")).isTrue();
    assertThat(anyPipeline.matches("ns/churn/train")).isFalse();
    assertThat(anyDepth.matches("ns/churn/train")).isTrue();
    assertThat(anyDepth.matches("train")).isFalse();
  }

  @Test
  void shouldTreatRegexMetacharactersLiterallyWhenNotStar() {
    // Given names full of characters that mean something to java.util.regex
    final Glob glob = Glob.compile("model:churn(v1).+[a]?{2}^$|\\E\\Q");
    final Glob dot = Glob.compile("s3://b/features.parquet");
    // When / Then
    assertThat(glob.matches("model:churn(v1).+[a]?{2}^$|\\E\\Q")).isTrue();
    assertThat(glob.matches("model:churn(v1)x+[a]?{2}^$|\\E\\Q")).isFalse();
    assertThat(dot.matches("s3://b/featuresXparquet")).isFalse();
    assertThat(Glob.compile("a?c").matches("abc")).isFalse();
  }

  @Test
  void shouldMatchTheWholeNameWhenNoStarAtTheEnds() {
    // Given
    final Glob glob = Glob.compile("train");
    // When / Then
    assertThat(glob.matches("train")).isTrue();
    assertThat(glob.matches("pretrain")).isFalse();
    assertThat(glob.matches("train2")).isFalse();
  }

  @Test
  void shouldMatchNothingWhenNameIsNull() {
    assertThat(Glob.compile("**").matches(null)).isFalse();
    assertThat(Glob.compile("**").matches("")).isTrue();
  }

  @Test
  void shouldRefuseWhenGlobIsEmpty() {
    assertThatThrownBy(() -> Glob.compile("")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Glob.compile(null)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldBeEqualWhenSameText() {
    assertThat(Glob.compile("a/*")).isEqualTo(Glob.compile("a/*")).hasToString("a/*");
    assertThat(Glob.compile("a/*")).isNotEqualTo(Glob.compile("a/**"));
  }
}
