package dev.lineagegate.schema.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bodies refused for invalid UTF-8 and repeated keys, each naming where. */
class JsonDocumentsTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Test
  void shouldNameTheStringWhenAValueHoldsInvalidUtf8() {
    // Given an overlong "/" inside a value of an object in an array, and one beyond U+10FFFF
    final byte[] overlong = body("{\"a\":{\"b~/\":[\"x\",\"v", "c0af", "w\"]}}");
    final byte[] beyond = body("{\"name\":\"", "f4908080", "\",\"other\":\"é\"}");
    // When / Then the pointer of the string and the byte offset
    assertThat(refusal(overlong))
        .isEqualTo(
            new FieldError(
                "/a/b~0~1/1",
                "is not valid UTF-8 (byte 19 of the body); it is refused, not repaired"));
    assertThat(refusal(beyond).pointer()).isEqualTo("/name");
  }

  @Test
  void shouldNameTheStringWhenItsFirstOrLastByteIsInvalid() {
    assertThat(refusal(body("{\"k\":\"", "c0af", "\",\"l\":1}")).pointer()).isEqualTo("/k");
    assertThat(refusal(body("{\"k\":\"ab", "e282", "\"}")).pointer()).isEqualTo("/k");
    assertThat(refusal(body("[\"ok\",\"", "ff", "\"]")).pointer()).isEqualTo("/1");
  }

  @Test
  void shouldNameTheObjectWhenAKeyHoldsInvalidUtf8() {
    // Given bad bytes in a key, one that Jackson reads leniently and one it stops on
    final FieldError lenient = refusal(body("{\"a\":{\"x\":1,\"k", "c0af", "\":1}}"));
    final FieldError stopped = refusal(body("{\"a\":[{\"k", "ff", "\":1}]}"));
    // When / Then the object holding the key
    assertThat(lenient.pointer()).isEqualTo("/a");
    assertThat(lenient.message()).startsWith("has a key that is not valid UTF-8 (byte 14 ");
    assertThat(stopped.pointer()).isEqualTo("/a/0");
  }

  @Test
  void shouldGiveTheOffsetWhenTheBadBytesAreOutsideAnyString() {
    final FieldError error = refusal(body("{\"a\":1, ", "c0af", "}"));
    assertThat(error.pointer()).isEmpty();
    assertThat(error.message())
        .isEqualTo("the body is not valid UTF-8 (byte 8 of the body); it is refused, not repaired");
  }

  @Test
  void shouldAcceptWhenTheBodyIsUtf8() {
    assertThatCode(
            () ->
                JsonDocuments.requireUtf8(
                    "{\"name\":\"s3://b/é😀\"}".getBytes(StandardCharsets.UTF_8)))
        .doesNotThrowAnyException();
  }

  @Test
  void shouldRefuseARepeatedKeyWhenKeysMustBeUnique() {
    // Given a key repeated in a nested object
    final byte[] body =
        "{\"run\":{\"runId\":\"r\"},\"inputs\":[{\"name\":\"a\",\"name\":\"b\"}]}"
            .getBytes(StandardCharsets.UTF_8);
    // When
    final InvalidEventException e =
        catchThrowableOfType(
            InvalidEventException.class,
            () -> JsonDocuments.readTree(MAPPER, body, JsonDocuments.Keys.UNIQUE));
    // Then its pointer; while the last value wins where the format allows repeats
    assertThat(e.errors())
        .containsExactly(
            new FieldError(
                "/inputs/0/name", "is a repeated key: each key may appear once in an object"));
    final JsonNode tree = JsonDocuments.readTree(MAPPER, body, JsonDocuments.Keys.LAST_WINS);
    assertThat(tree.at("/inputs/0/name").asText()).isEqualTo("b");
  }

  @Test
  void shouldSayNotJsonWhenTheBodyDoesNotParse() {
    final InvalidEventException e =
        catchThrowableOfType(
            InvalidEventException.class,
            () ->
                JsonDocuments.readTree(
                    MAPPER, "{oops".getBytes(StandardCharsets.UTF_8), JsonDocuments.Keys.UNIQUE));
    assertThat(e.errors())
        .singleElement()
        .satisfies(error -> assertThat(error.message()).startsWith("not valid JSON: "));
  }

  @Test
  void shouldGiveLineAndColumnWithoutJacksonsInternalsWhenTheBodyIsCutTooDeepOrNonStandard() {
    // Given bodies cut inside an object, nested deeper than Jackson reads, or with a NaN
    final String cut = "{\"a\":{\"b\":1";
    final String deep = "[".repeat(1_001) + "]".repeat(1_001);
    final String nan = "{\"a\":NaN}";
    // When / Then the sentence, the line and the column: no source description, no class names
    assertThat(notJson(cut))
        .isEqualTo(
            "not valid JSON: Unexpected end-of-input: expected close marker for Object (start"
                + " marker at line 1, column 6) at line 1, column 12");
    assertThat(notJson(deep))
        .isEqualTo(
            "not valid JSON: Document nesting depth (1001) exceeds the maximum allowed (1000)");
    for (final String body : List.of(cut, deep, nan)) {
      assertThat(notJson(body))
          .doesNotContain("Source")
          .doesNotContain("`")
          .doesNotContainPattern("[A-Z][a-z]+[A-Z]\\w*\\.[A-Za-z_]+");
    }
  }

  private static String notJson(final String body) {
    final InvalidEventException e =
        catchThrowableOfType(
            InvalidEventException.class,
            () ->
                JsonDocuments.readTree(
                    MAPPER, body.getBytes(StandardCharsets.UTF_8), JsonDocuments.Keys.UNIQUE));
    assertThat(e.errors()).hasSize(1);
    return e.errors().get(0).message();
  }

  private static FieldError refusal(final byte[] body) {
    final InvalidEventException e =
        catchThrowableOfType(InvalidEventException.class, () -> JsonDocuments.requireUtf8(body));
    assertThat(e).as(new String(body, StandardCharsets.ISO_8859_1)).isNotNull();
    assertThat(e.errors()).hasSize(1);
    return e.errors().get(0);
  }

  private static byte[] body(final String before, final String badHex, final String after) {
    final byte[] head = before.getBytes(StandardCharsets.UTF_8);
    final byte[] bad = HexFormat.of().parseHex(badHex);
    final byte[] tail = after.getBytes(StandardCharsets.UTF_8);
    final byte[] all = new byte[head.length + bad.length + tail.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(bad, 0, all, head.length, bad.length);
    System.arraycopy(tail, 0, all, head.length + bad.length, tail.length);
    return all;
  }
}
