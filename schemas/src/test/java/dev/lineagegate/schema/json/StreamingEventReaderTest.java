package dev.lineagegate.schema.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lineagegate.avro.ExecutionEvent;
import dev.lineagegate.testkit.EventMutations;
import dev.lineagegate.testkit.TestEvents;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The streaming fast path against the tree reader: equal records for every fixture, and never an
 * answer where the tree reports an error (the caller then takes the tree's errors). The broken
 * inputs are generated from the fixtures, one change at a time, by {@link EventMutations}.
 */
class StreamingEventReaderTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final List<ExecutionEvent> FIXTURES =
      List.of(
          TestEvents.trainStart(),
          TestEvents.trainComplete(),
          TestEvents.trainFail(),
          TestEvents.minimalStart(),
          TestEvents.streamingHeartbeat());

  private final ExecutionEventJson json = new ExecutionEventJson();

  @Test
  void shouldReadRecordsEqualToTheTreeReadersWhenGivenEachFixture() {
    for (final ExecutionEvent fixture : FIXTURES) {
      final String text = json.writeString(fixture);
      final StreamingEventReader.Events events = json.readStreaming(bytes(text), 10);
      assertThat(events).isNotNull();
      assertThat(events.array()).isFalse();
      assertThat(events.events()).containsExactly(json.read(text));
      assertThat(events.events()).containsExactly(fixture);
    }
  }

  @Test
  void shouldReadEveryEventInOrderWhenGivenAnArray() {
    final ArrayNode array = MAPPER.createArrayNode();
    FIXTURES.forEach(event -> array.add(json.write(event)));
    final StreamingEventReader.Events events = json.readStreaming(bytes(array.toString()), 10);
    assertThat(events).isNotNull();
    assertThat(events.array()).isTrue();
    assertThat(events.events()).containsExactlyElementsOf(FIXTURES);
  }

  @Test
  void shouldLeaveTheBodyToTheTreeWhenItIsNotOneEventOrAFewOfThem() {
    final String one = json.writeString(TestEvents.minimalStart());
    for (final String body :
        List.of("", "  ", "{oops", "[]", "[1]", "\"x\"", "null", one + " {}", "[" + one + ",")) {
      assertThat(json.readStreaming(bytes(body), 10)).as(body).isNull();
    }
    assertThat(json.readStreaming(bytes("[" + one + "," + one + "]"), 1)).isNull();
    assertThat(json.readStreaming(bytes("[" + one + "," + one + "]"), 2)).isNotNull();
  }

  @Test
  void shouldAgreeWithTheTreeWhenAnyOneFieldIsRemovedNulledOrOfAnotherType() {
    final List<ObjectNode> variants = EventMutations.of(MAPPER, json, FIXTURES);
    assertThat(variants).hasSizeGreaterThan(500);
    int streamed = 0;
    for (final ObjectNode variant : variants) {
      streamed += agree(variant) ? 1 : 0;
    }
    // Removing or nulling an optional field keeps the event valid: those must stay fast.
    assertThat(streamed).isGreaterThan(50);
  }

  @Test
  void shouldLeaveTheBodyToTheTreeWhenAKeyIsRepeated() {
    // Given bodies that repeat a key, known or not, at any depth
    final String minimal = json.writeString(TestEvents.minimalStart());
    final String inner = minimal.substring(1, minimal.length() - 1);
    for (final String body :
        List.of(
            "{" + inner + ",\"eventType\":\"FAIL\"}",
            "{" + inner + ",\"extra\":1,\"extra\":2}",
            "{" + inner + ",\"run\":{\"runId\":\"r\",\"step\":\"s\",\"step\":\"t\"}}",
            "{" + inner + ",\"config\":{\"parameters\":{\"a\":\"1\",\"a\":\"3\"}}}",
            "{" + inner + ",\"extra\":[{\"a\":{\"b\":1,\"c\":{},\"b\":2}}]}")) {
      // When / Then the fast path does not answer: the tree reader refuses them (Keys.UNIQUE)
      assertThat(json.readStreaming(bytes(body), 10)).as(body).isNull();
      assertThatThrownBy(() -> json.read(body)).isInstanceOf(InvalidEventException.class);
    }
  }

  @Test
  void shouldStreamWhenSiblingObjectsShareKeys() {
    // Given inputs, checks and nested objects that use the same keys, each once per object
    final ObjectNode event = json.write(TestEvents.trainComplete());
    event.withArray("/inputs").addObject().put("name", "b").put("digest", (String) null);
    event.withArray("/checks").addObject().put("name", "c2").put("passed", false);
    event.putObject("extra").putObject("run").put("step", "x").putObject("run").put("step", "y");
    // When / Then the fast path answers, with the tree's records
    assertThat(agree(event)).isTrue();
  }

  @Test
  void shouldAgreeWithTheTreeWhenTimesAreAtTheEdgesOfRfc3339() {
    // Given every time field set to forms either side of the strict rules
    for (final String time :
        List.of(
            "2026-11-22T10:00:00Z",
            "2026-11-22t10:00:00.123456789z",
            "2026-11-22T10:00:00.1234567891+23:59",
            "0000-01-01T00:00:00Z",
            "9999-12-31T23:59:59.999Z",
            "2026-11-22T10:00:00.Z",
            "2026-11-22T10:00Z",
            "2026-11-22T10:00:00+0100",
            "2026-11-22T23:59:60Z",
            "-292275056-01-01T00:00:00Z",
            "+10000-01-01T00:00:00Z",
            "0000-01-01T00:00:00+01:00")) {
      final ObjectNode event = json.write(TestEvents.trainStart());
      event.put("eventTime", time);
      ((ObjectNode) event.withArray("/inputs").get(0)).put("producedAt", time);
      // When / Then both readers give the same answer, and the tree refuses what is not strict
      final boolean streamed = agree(event);
      assertThat(streamed).as(time).isEqualTo(IsoTimes.parse(time) != null);
    }
  }

  @Test
  void shouldKeepScalarsAsTheTreeDoesWhenMapValuesAreNotStrings() {
    final ObjectNode event = json.write(TestEvents.minimalStart());
    event
        .putObject("config")
        .putObject("parameters")
        .put("epochs", 10)
        .put("big", 12345678901L)
        .put("amp", true)
        .putNull("none")
        .put("lr", 0.01)
        .put("exp", 1e2)
        .putArray("layers")
        .add(64);
    agree(event);
  }

  @Test
  void shouldAgreeWithTheTreeWhenUnknownFieldsAreSkipped() {
    final ObjectNode event = json.write(TestEvents.trainComplete());
    event.putObject("extra").put("a", "b").putArray("c").add("d").addObject().put("e", 1);
    event.withObject("/run").put("unknown", "x");
    ((ObjectNode) event.withArray("/inputs").get(0)).putArray("tags").add("t");
    assertThat(agree(event)).isTrue();
  }

  /**
   * Asserts that both paths agree on {@code event}, and says whether the streaming path answered.
   */
  private boolean agree(final JsonNode event) {
    ExecutionEvent tree;
    try {
      tree = json.read(event);
    } catch (InvalidEventException e) {
      tree = null;
    }
    final StreamingEventReader.Events streamed = json.readStreaming(bytes(event.toString()), 10);
    if (tree == null) {
      assertThat(streamed).as("tree refuses %s", event).isNull();
      return false;
    }
    if (streamed != null) {
      assertThat(streamed.events()).as("%s", event).containsExactly(tree);
    }
    return streamed != null;
  }

  private static byte[] bytes(final String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
