package dev.lineagegate.service.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** What a refusal says: a slug per status, and never the client's bytes raw or in full. */
class RefusalTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void shouldNameEachJettyRefusalWithItsOwnSlugWhenTheStatusIsKnown() {
    // When / Then
    assertThat(Refusal.of(400, null).slug()).isEqualTo("bad-request");
    assertThat(Refusal.of(413, null).slug()).isEqualTo("too-large");
    assertThat(Refusal.of(414, null).slug()).isEqualTo("uri-too-long");
    assertThat(Refusal.of(431, null).slug()).isEqualTo("headers-too-large");
    assertThat(Refusal.of(505, null).slug()).isEqualTo("http-505");
    assertThat(Refusal.of(505, null).title()).isEqualTo("HTTP Version Not Supported");
  }

  @Test
  void shouldKeepTheDetailShortWhenTheReasonOnlyRepeatsTheStatus() {
    // When
    final Refusal refusal = Refusal.of(414, "URI Too Long");
    // Then
    assertThat(refusal.detail()).isEqualTo("the request URI is longer than this server accepts");
  }

  @Test
  void shouldCutAndMaskTheReasonWhenItHoldsWhatTheClientSent() throws Exception {
    // Given a reason quoting a NUL, a quote and 500 bytes of the request
    final String reason = "Bad URI \u0000\"" + "x".repeat(500);
    // When
    final JsonNode json = JSON.readTree(Refusal.of(400, reason).json(null));
    // Then
    final String detail = json.path("detail").asText();
    assertThat(detail).startsWith("the request is malformed").contains("Bad URI ?\"");
    assertThat(detail).doesNotContain("\u0000").endsWith("...");
    assertThat(detail).hasSizeLessThan(Refusal.MAX_TEXT + 80);
    assertThat(json.has("instance")).isFalse();
  }

  @Test
  void shouldLeaveTheInstanceOutWhenThePathIsLongOrNotPrintable() throws Exception {
    // When
    final JsonNode shortPath = JSON.readTree(Refusal.of(400, null).json("/v1/x"));
    final JsonNode longPath = JSON.readTree(Refusal.of(400, null).json("/" + "a".repeat(500)));
    final JsonNode nul = JSON.readTree(Refusal.of(400, null).json("/a\u0000b"));
    // Then
    assertThat(shortPath.path("instance").asText()).isEqualTo("/v1/x");
    assertThat(longPath.has("instance")).isFalse();
    assertThat(nul.has("instance")).isFalse();
    assertThat(shortPath.path("type").asText())
        .isEqualTo("https://lineage-gate.dev/problems/bad-request");
    assertThat(shortPath.path("status").asInt()).isEqualTo(400);
  }
}
