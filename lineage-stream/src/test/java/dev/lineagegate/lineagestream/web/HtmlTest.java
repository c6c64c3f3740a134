package dev.lineagegate.lineagestream.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlTest {

  @Test
  void shouldRenderMarkupAsTextWhenANameHoldsAScript() {
    // Given
    final String name = "<script>alert(1)</script>";

    // When
    final String escaped = Html.text(name);

    // Then
    assertThat(escaped).isEqualTo("&lt;script&gt;alert(1)&lt;/script&gt;");
  }

  @Test
  void shouldEscapeQuotesWhenTextGoesIntoAnAttribute() {
    // Given
    final String value = "a\" onmouseover='x'&";

    // When
    final String escaped = Html.text(value);

    // Then
    assertThat(escaped).isEqualTo("a&quot; onmouseover=&#39;x&#39;&amp;");
  }

  @Test
  void shouldShowControlCharactersWhenANameHoldsThem() {
    // Given a NUL, a bell, a newline, DEL, a C1 control and a line separator
    final String name = "a\u0000b\u0007c\nd\u007fe\u0085f\u2028g";

    // When
    final String escaped = Html.text(name);
    final String label = Html.label(name);

    // Then every one is visible, none is left raw
    assertThat(escaped).isEqualTo("a\\u0000b\\u0007c\\u000ad\\u007fe\\u0085f\\u2028g");
    assertThat(label).isEqualTo(escaped);
  }

  @Test
  void shouldKeepAScriptBlockClosedWhenJsonHoldsMarkup() {
    // Given
    final String json = "{\"label\":\"</script><script>alert(1)</script>&\"}";

    // When
    final String embedded = Html.json(json);

    // Then
    assertThat(embedded)
        .doesNotContain("<")
        .doesNotContain(">")
        .doesNotContain("&")
        .contains("\\u003c/script\\u003e");
  }

  @Test
  void shouldEncodeOneSegmentWhenANameHoldsSlashesAndSpaces() {
    // Given
    final String name = "s3://demo/clean data.parquet";

    // When
    final String href = Html.nameHref(name);

    // Then
    assertThat(href).isEqualTo("/names/s3%3A%2F%2Fdemo%2Fclean%20data.parquet");
  }
}
