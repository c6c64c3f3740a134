package dev.lineagegate.client.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lineagegate.client.replay.LineKind.Kind;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LineKindTest {

  private static LineKind.Shape shape(final String line) {
    return LineKind.of(line.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void shouldBeNativeWithItsEventIdWhenTheLineHasAnEventId() {
    final LineKind.Shape shape =
        shape(
            "{\"eventId\":\"e-1\",\"eventType\":\"START\",\"run\":{\"runId\":\"r\",\"step\":\"s\"},"
                + "\"producer\":\"p\"}");
    assertThat(shape.kind()).isEqualTo(Kind.NATIVE);
    assertThat(shape.eventId()).isEqualTo("e-1");
  }

  @Test
  void shouldBeOpenLineageWhenTheLineHasAJobOrADataset() {
    assertThat(
            shape(
                    "{\"eventTime\":\"t\",\"producer\":\"p\",\"schemaURL\":\"u\","
                        + "\"run\":{\"runId\":\"r\",\"facets\":{\"a\":{\"eventId\":1}}},"
                        + "\"job\":{\"namespace\":\"n\",\"name\":\"j\"}}")
                .kind())
        .isEqualTo(Kind.OPENLINEAGE);
    assertThat(shape("{\"dataset\":{\"namespace\":\"n\",\"name\":\"d\"}}").kind())
        .isEqualTo(Kind.OPENLINEAGE);
  }

  @Test
  void shouldGoWhereIngestNamesTheMissingFieldWhenTheLineIsIncomplete() {
    // Given a native event without eventId, and an OpenLineage event without job
    assertThat(shape("{\"run\":{\"runId\":\"r\",\"step\":\"s\"}}").kind()).isEqualTo(Kind.NATIVE);
    assertThat(shape("{\"run\":{\"runId\":\"r\"},\"eventTime\":\"t\"}").kind())
        .isEqualTo(Kind.OPENLINEAGE);
    assertThat(shape("{\"eventId\":42}").eventId()).isEmpty();
  }

  @Test
  void shouldNotBeAnEventWhenTheLineIsAnotherJsonValue() {
    assertThat(shape("{\"hello\":{\"eventId\":\"nested\"}}").kind()).isEqualTo(Kind.NOT_AN_EVENT);
    assertThat(shape("[{\"eventId\":\"e\"}]").problem())
        .isEqualTo("is a JSON array, not an object");
    assertThat(shape("42").kind()).isEqualTo(Kind.NOT_AN_EVENT);
  }

  @Test
  void shouldBeNotJsonWhenTheLineIsMalformedAnywhere() {
    assertThat(shape("{\"eventId\":\"e\",").kind()).isEqualTo(Kind.NOT_JSON);
    assertThat(shape("{\"eventId\":\"e\",\"x\":{\"y\":[1,}}").kind()).isEqualTo(Kind.NOT_JSON);
    assertThat(shape("{\"eventId\":\"e\"} trailing").kind()).isEqualTo(Kind.NOT_JSON);
    assertThat(shape("{\"eventId\":\"e\"}{\"eventId\":\"f\"}").problem())
        .startsWith("more than one JSON value");
  }

  @Test
  void shouldBeBlankWhenTheLineHoldsOnlyWhitespace() {
    assertThat(shape("").kind()).isEqualTo(Kind.BLANK);
    assertThat(shape("  \t ").kind()).isEqualTo(Kind.BLANK);
  }
}
