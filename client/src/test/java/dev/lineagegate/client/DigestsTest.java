package dev.lineagegate.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lineagegate.schema.id.Digest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Digests of files and trees. Expected values are computed here from the algorithm as documented
 * (manifest bytes written out by hand, hashed with the JDK), never with {@link Digests} itself.
 */
class DigestsTest {

  @TempDir Path dir;

  @Test
  void shouldHashTheBytesWhenGivenAFile() throws Exception {
    // Given a file larger than the read buffer, so that it is hashed in several pieces
    final byte[] content = new byte[200_000];
    for (int i = 0; i < content.length; i++) {
      content[i] = (byte) (i * 31);
    }
    final Path file = Files.write(dir.resolve("model.bin"), content);
    // When
    final Digest digest = Digests.file(file);
    // Then
    assertThat(digest).isEqualTo(new Digest("sha256:" + sha256Hex(content)));
    assertThat(Digests.of(file)).isEqualTo(digest);
  }

  @Test
  void shouldHashTheManifestWhenGivenADirectory() throws Exception {
    // Given a tree whose byte order differs from a per-directory walk: "sub-x" sorts before
    // "sub/..." because '-' (0x2D) is below '/' (0x2F); upper case sorts before lower case
    final Path root = Files.createDirectory(dir.resolve("features"));
    write(root, "sub/b.txt", "bee");
    write(root, "sub/deeper/c.bin", "sea");
    write(root, "sub-x", "dash");
    write(root, "a.txt", "ay");
    write(root, "Z.txt", "zed");
    Files.createDirectories(root.resolve("empty/nested"));
    // When
    final Digest digest = Digests.directory(root);
    // Then
    final String manifest =
        line("Z.txt", "zed")
            + line("a.txt", "ay")
            + line("sub-x", "dash")
            + line("sub/b.txt", "bee")
            + line("sub/deeper/c.bin", "sea");
    assertThat(digest).isEqualTo(new Digest("sha256:" + sha256Hex(utf8(manifest))));
    assertThat(Digests.of(root)).isEqualTo(digest);
  }

  @Test
  void shouldRecordLinksWithoutFollowingThemWhenTheTreeHasSymlinks() throws Exception {
    // Given a link to a file inside the tree and a link to a directory outside it
    final Path root = Files.createDirectory(dir.resolve("release"));
    write(root, "data/x.csv", "1,2");
    final Path outside = Files.createDirectory(dir.resolve("outside"));
    write(outside, "secret.txt", "not part of the tree");
    try {
      Files.createSymbolicLink(root.resolve("latest.csv"), Path.of("data", "x.csv"));
      Files.createSymbolicLink(root.resolve("ext"), outside);
    } catch (UnsupportedOperationException | IOException e) {
      assumeTrue(false, "symbolic links are not available here: " + e);
    }
    // When
    final Digest digest = Digests.directory(root);
    // Then each link is a line of its own and nothing behind "ext" is read
    final String manifest =
        line("data/x.csv", "1,2") + "ext\0link:" + outside + "\n" + "latest.csv\0link:data/x.csv\n";
    assertThat(digest).isEqualTo(new Digest("sha256:" + sha256Hex(utf8(manifest))));
  }

  @Test
  void shouldGiveTheSameDigestWhenTheSameTreeIsCreatedInAnotherOrder() throws Exception {
    // Given the same three files, created in opposite orders in two places
    final Path first = Files.createDirectory(dir.resolve("first"));
    write(first, "a/1", "one");
    write(first, "b/2", "two");
    write(first, "c", "three");
    final Path second = Files.createDirectory(dir.resolve("second"));
    write(second, "c", "three");
    write(second, "b/2", "two");
    write(second, "a/1", "one");
    // When / Then
    assertThat(Digests.directory(second)).isEqualTo(Digests.directory(first));
    // and a renamed file is a different tree
    Files.move(second.resolve("c"), second.resolve("d"));
    assertThat(Digests.directory(second)).isNotEqualTo(Digests.directory(first));
  }

  @Test
  void shouldHashEmptyInputWhenTheDirectoryHoldsNoFiles() throws Exception {
    // Given a directory with only empty directories inside
    final Path root =
        Files.createDirectories(dir.resolve("nothing/at/all")).getParent().getParent();
    // When / Then
    assertThat(Digests.directory(root)).isEqualTo(new Digest("sha256:" + sha256Hex(new byte[0])));
  }

  @Test
  void shouldSortByUtf8BytesWhenNamesAreBeyondAscii() throws Exception {
    // Given names whose UTF-8 order differs from Java's UTF-16 String order:
    // U+FF21 (EF BC A1) sorts before U+1F600 (F0 9F 98 80) in UTF-8, after it in UTF-16
    assumeTrue(
        "UTF-8".equals(System.getProperty("sun.jnu.encoding")),
        "file names cannot hold non-ASCII characters with this locale");
    final Path root = Files.createDirectory(dir.resolve("unicode"));
    write(root, "\uD83D\uDE00.txt", "smile");
    write(root, "\uFF21.txt", "wide A");
    write(root, "\u00E9.txt", "e acute");
    // When
    final Digest digest = Digests.directory(root);
    // Then
    final String manifest =
        line("\u00E9.txt", "e acute")
            + line("\uFF21.txt", "wide A")
            + line("\uD83D\uDE00.txt", "smile");
    assertThat(digest).isEqualTo(new Digest("sha256:" + sha256Hex(utf8(manifest))));
  }

  @Test
  void shouldNameThePathWhenItCannotBeRead() {
    // Given a path that does not exist
    final Path missing = dir.resolve("missing.bin");
    // When / Then
    assertThatThrownBy(() -> Digests.of(missing))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageStartingWith("cannot hash " + missing + ": ");
    assertThatThrownBy(() -> Digests.directory(Files.writeString(dir.resolve("f"), "x")))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageStartingWith("cannot hash " + dir.resolve("f") + ": ");
  }

  private static void write(final Path root, final String relative, final String content)
      throws IOException {
    final Path file = root.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content, StandardCharsets.UTF_8);
  }

  /** One manifest line of a regular file, as the algorithm documents it. */
  private static String line(final String path, final String content) throws Exception {
    return path + "\0" + sha256Hex(utf8(content)) + "\n";
  }

  private static byte[] utf8(final String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String sha256Hex(final byte[] bytes) throws NoSuchAlgorithmException {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
