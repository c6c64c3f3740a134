package dev.lineagegate.client.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LineSourceTest {

  @TempDir Path dir;

  private static List<String> lines(final LineSource source) throws IOException {
    final List<String> lines = new ArrayList<>();
    LineSource.Line line;
    while ((line = source.next()) != null) {
      lines.add(
          line.number() + ":" + (line.tooLong() ? "<" + line.length() + ">" : text(line.bytes())));
    }
    return lines;
  }

  private static String text(final byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private Path file(final String content) throws IOException {
    return Files.writeString(dir.resolve("f.ndjson"), content);
  }

  @Test
  void shouldNumberLinesFromOneWhenReadingAFile() throws IOException {
    // Given CRLF endings, an empty line and a last line without newline
    try (LineSource source = LineSource.open(file("a\r\nb\n\nc"), 100)) {
      // When / Then
      assertThat(lines(source)).containsExactly("1:a", "2:b", "3:", "4:c");
      assertThat(source.position()).isEqualTo(7);
    }
  }

  @Test
  void shouldSkipToTheLineWhenFromLineIsGiven() throws IOException {
    try (LineSource source = LineSource.open(file("a\nb\nc\n"), 100)) {
      assertThat(source.skipTo(3)).isTrue();
      assertThat(source.lineNumber()).isEqualTo(2);
      assertThat(lines(source)).containsExactly("3:c");
    }
    try (LineSource source = LineSource.open(file("a\nb\nc\n"), 100)) {
      assertThat(source.skipTo(1)).isTrue();
      assertThat(lines(source)).containsExactly("1:a", "2:b", "3:c");
    }
  }

  @Test
  void shouldSayTheFileIsShorterWhenFromLineIsPastItsEnd() throws IOException {
    try (LineSource source = LineSource.open(file("a\nb\n"), 100)) {
      assertThat(source.skipTo(4)).isFalse();
      assertThat(source.lineNumber()).isEqualTo(2);
      assertThat(source.next()).isNull();
    }
  }

  @Test
  void shouldDropTheBytesButKeepTheNumberingWhenALineIsTooLong() throws IOException {
    // Given a line of 200 KB (several buffers) between short ones, and a limit of 10 bytes
    try (LineSource source = LineSource.open(file("a\n" + "x".repeat(200_000) + "\nb\n"), 10)) {
      assertThat(lines(source)).containsExactly("1:a", "2:<200000>", "3:b");
    }
  }

  @Test
  void shouldReadGzipWhenTheFileIsCompressed() throws IOException {
    // Given
    final Path gz = dir.resolve("events.ndjson.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write("{\"a\":1}\n{\"b\":2}\n".getBytes(StandardCharsets.UTF_8));
    }
    // When
    try (LineSource source = LineSource.open(gz, 100)) {
      // Then lines are decompressed, position counts the compressed bytes
      assertThat(lines(source)).containsExactly("1:{\"a\":1}", "2:{\"b\":2}");
      assertThat(source.position()).isEqualTo(Files.size(gz));
    }
  }
}
