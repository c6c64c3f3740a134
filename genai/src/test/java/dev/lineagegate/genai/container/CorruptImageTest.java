package dev.lineagegate.genai.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.lineagegate.genai.ImportRefusedException;
import dev.lineagegate.genai.ImportRefusedException.Kind;
import dev.lineagegate.genai.PngFixtures;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Damaged and hostile containers: each a refusal naming the problem, in bounded time and memory
 * (the bomb and the 50 MB chunk are refused before their text is allocated).
 */
class CorruptImageTest {

  private static final Duration BOUND = Duration.ofSeconds(5);

  @Test
  void shouldRefuseWhenTheFileIsEmpty() {
    assertRefused(new byte[0], Kind.NOT_AN_IMAGE, "the file is empty");
  }

  @Test
  void shouldRefuseWhenTheBytesAreNoImage() {
    assertRefused(
        "{\"prompt\": 1}".getBytes(),
        Kind.NOT_AN_IMAGE,
        "not a PNG, WEBP or JPEG image (its first bytes are none of theirs)");
  }

  @Test
  void shouldRefuseWhenThePngIsTruncated() {
    // Given a PNG cut inside its tEXt chunk
    final byte[] png = PngFixtures.withText("prompt", "{\"1\": {}}");
    final byte[] cut = Arrays.copyOf(png, 50);

    // When / Then
    assertRefused(
        cut,
        Kind.CORRUPT,
        "truncated PNG: the tEXt chunk at byte 33 declares 16 bytes, only 5 remain");
  }

  @Test
  void shouldRefuseWhenAChunkHasABadCrc() {
    // Given the tEXt chunk's last data byte changed
    final byte[] png = PngFixtures.withText("parameters", "Steps: 1, Seed: 2, CFG scale: 3");
    png[33 + 8 + 10] ^= 0x01;

    // When / Then
    assertThatThrownBy(() -> ImageText.read(png))
        .isInstanceOf(ImportRefusedException.class)
        .hasMessageStartingWith("bad CRC in the tEXt chunk at byte 33 (stored ");
  }

  @Test
  void shouldReadTextAfterTheImageDataWhenItIsBeforeIend() {
    // Given a tEXt chunk after IDAT: allowed by the PNG specification
    final byte[] png = PngFixtures.start().image().text("parameters", "late").end();

    // When
    final ImageText.Read read = ImageText.read(png);

    // Then
    assertThat(read.text().get("parameters")).contains("late");
  }

  @Test
  void shouldRefuseWhenATextChunkFollowsTheEndOfTheImage() {
    // Given a tEXt chunk appended after IEND
    final byte[] png = PngFixtures.withText();
    final byte[] appended =
        PngFixtures.concat(
            png, Arrays.copyOfRange(PngFixtures.withText("prompt", "{}"), 33, 33 + 12 + 9));

    // When / Then
    assertRefused(
        appended,
        Kind.CORRUPT,
        "data after the end of the PNG: a tEXt chunk at byte " + png.length + " follows IEND");
  }

  @Test
  void shouldRefuseBeforeReadingItWhenATextChunkIsFiftyMegabytes() {
    // Given a 50 MB tEXt chunk
    final byte[] text = new byte[50 * 1024 * 1024];
    Arrays.fill(text, (byte) 'a');
    System.arraycopy("prompt\0".getBytes(), 0, text, 0, 7);
    final byte[] png = PngFixtures.start().chunk("tEXt", text).image().end();

    // When / Then
    assertTimeoutPreemptively(
        BOUND,
        () ->
            assertRefused(
                png,
                Kind.LIMIT,
                "the tEXt chunk at byte 33 is 52,428,800 bytes, more than the 16 MiB a text chunk"
                    + " may have: refused"));
  }

  @Test
  void shouldRefuseAfterSixteenMebibytesWhenAZtxtChunkIsACompressionBomb() {
    // Given 64 MiB of zeros deflated to about 64 KB
    final byte[] zeros = new byte[64 * 1024 * 1024];
    final byte[] png = PngFixtures.start().ztxt("prompt", zeros).image().end();

    // When / Then
    assertTimeoutPreemptively(
        BOUND,
        () ->
            assertRefused(
                png,
                Kind.LIMIT,
                "the zTXt chunk \"prompt\" at byte 33 inflates to more than 16 MiB (a compression"
                    + " bomb?): refused"));
  }

  @Test
  void shouldReadCompressedAndInternationalTextWhenWellFormed() {
    // Given zTXt and compressed iTXt chunks
    final byte[] png =
        PngFixtures.start()
            .ztxt("prompt", "{\"a\": 1}".getBytes())
            .itxt("workflow", "{\"name\": \"über\"}", true)
            .image()
            .end();

    // When
    final TextEntries text = ImageText.read(png).text();

    // Then
    assertThat(text.get("prompt")).contains("{\"a\": 1}");
    assertThat(text.get("workflow")).contains("{\"name\": \"über\"}");
  }

  @Test
  void shouldRefuseWhenTheSameKeywordIsWrittenTwice() {
    // Given two prompt chunks: which describes the image cannot be told
    final byte[] png = PngFixtures.withText("prompt", "{}", "prompt", "{}");

    // When / Then
    assertThatThrownBy(() -> ImageText.read(png).text().get("prompt"))
        .isInstanceOf(ImportRefusedException.class)
        .hasMessage(
            "the image holds \"prompt\" twice (tEXt chunk \"prompt\" at byte 33 and tEXt chunk"
                + " \"prompt\" at byte 54): which one describes it cannot be told");
  }

  @Test
  void shouldRefuseWhenAJpegIsCutInItsExif() {
    // Given a JPEG whose APP1 segment declares more than is there
    final byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE1, 0x40, 0, 'E', 'x'};

    // When / Then
    assertThatThrownBy(() -> ImageText.read(jpeg))
        .isInstanceOf(ImportRefusedException.class)
        .hasMessageStartingWith("not a readable JPEG image: ");
  }

  private static void assertRefused(final byte[] bytes, final Kind kind, final String message) {
    assertThatThrownBy(() -> ImageText.read(bytes))
        .isInstanceOfSatisfying(
            ImportRefusedException.class, e -> assertThat(e.kind()).isEqualTo(kind))
        .hasMessage(message);
  }
}
