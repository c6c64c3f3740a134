package dev.lineagegate.schema.id;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class DigestTest {

  @Test
  void shouldHashLikeSha256WhenGivenKnownVector() {
    // Given the FIPS 180-2 test vector "abc"
    // When
    final Digest digest = Digest.sha256("abc");
    // Then
    assertThat(digest.value())
        .isEqualTo("sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assertThat(digest.hex()).hasSize(64);
  }

  @Test
  void shouldAcceptWhenSha256PrefixAnd64LowercaseHex() {
    final String text = "sha256:" + "0123456789abcdef".repeat(4);
    assertThat(Digest.parse(text).value()).isEqualTo(text);
    assertThat(Digest.isValid(text)).isTrue();
  }

  @Test
  void shouldRefuseWhenFormIsWrong() {
    final String upper = "sha256:" + "0123456789ABCDEF".repeat(4);
    final String shortHex = "sha256:abc";
    final String otherAlgorithm = "md5:" + "0".repeat(64);
    for (final String bad : new String[] {upper, shortHex, otherAlgorithm, "", " "}) {
      assertThat(Digest.isValid(bad)).as(bad).isFalse();
      assertThatThrownBy(() -> Digest.parse(bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("expected sha256:<64 lowercase hex>");
    }
    assertThatThrownBy(() -> Digest.parse(null)).hasMessageContaining("got null");
  }

  @Test
  void shouldQuoteOnlyThePrefixWhenValueIsHuge() {
    assertThatThrownBy(() -> Digest.parse("x".repeat(10_000)))
        .hasMessageEndingWith("…\"")
        .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(200));
  }

  @Test
  void shouldAgreeWithTheRegexOfTheFormWhenCheckedByHand() {
    final Pattern form = Pattern.compile("sha256:[0-9a-f]{64}");
    final String hex = "0123456789abcdef".repeat(4);
    for (final String text :
        new String[] {
          "sha256:" + hex,
          "sha256:" + hex + "\n",
          "sha256:" + hex + "0",
          "sha256:" + hex.substring(1),
          "sha256:" + hex.substring(1) + "g",
          "sha256:" + hex.substring(1) + "/",
          "sha256:" + hex.substring(1) + ":",
          "sha256:" + hex.substring(1) + "`",
          "Sha256:" + hex,
          "sha512:" + hex,
          " sha256:" + hex.substring(1),
          "sha256:",
          ""
        }) {
      assertThat(Digest.isValid(text)).as(text).isEqualTo(form.matcher(text).matches());
    }
  }
}
