package dev.lineagegate.client;

import dev.lineagegate.schema.id.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * Content digests of files and directory trees: the identity of an artifact version (DESIGN.md §2).
 * Failures to read are thrown as {@link UncheckedIOException} naming the path.
 *
 * <p>A file's digest is the SHA-256 of its bytes, read as a stream in constant memory.
 *
 * <p>A directory's digest is the SHA-256 of its <em>manifest</em>, built so that the same tree
 * gives the same digest on every machine and OS (also documented in docs/CLIENT.md; changing it
 * changes the identity of every directory artifact):
 *
 * <ol>
 *   <li>Walk the tree recursively. The directory given is resolved if it is itself a link; symbolic
 *       links inside it are not followed.
 *   <li>Each entry's path is relative to the directory, its names joined with {@code /}.
 *   <li>A regular file contributes the line {@code <path>\0<64 lowercase hex of its SHA-256>\n}; a
 *       symbolic link contributes {@code <path>\0link:<target>\n}, the target as stored in the link
 *       with {@code /} separators. Directories themselves (so empty ones) and other files (fifos,
 *       sockets, devices) contribute nothing.
 *   <li>Lines are ordered by the unsigned UTF-8 bytes of their path (not by UTF-16 code units, not
 *       by directory), and the manifest is the concatenation of their UTF-8 bytes.
 * </ol>
 *
 * An empty directory therefore has the digest of empty input.
 */
public final class Digests {

  private static final int BUFFER_BYTES = 64 * 1024;
  private static final String PREFIX = "sha256:";

  private Digests() {}

  /** The SHA-256 of the file's bytes; a link to a file is followed. */
  public static Digest file(final Path file) {
    return hashFile(file).digest();
  }

  /** The SHA-256 of the directory's manifest (see the class documentation). */
  public static Digest directory(final Path directory) {
    return hashDirectory(directory).digest();
  }

  /** {@link #directory} when {@code path} is a directory, else {@link #file}. */
  public static Digest of(final Path path) {
    return hash(path).digest();
  }

  /** A digest and the bytes hashed to get it (a directory's: the sum of its regular files). */
  record Hashed(Digest digest, long sizeBytes) {}

  /** Digest and size in one pass, for outputs, which report both. */
  static Hashed hash(final Path path) {
    return Files.isDirectory(path) ? hashDirectory(path) : hashFile(path);
  }

  private static Hashed hashFile(final Path file) {
    final MessageDigest sha256 = Digest.newSha256();
    final byte[] buffer = new byte[BUFFER_BYTES];
    long size = 0;
    try (InputStream in = Files.newInputStream(file)) {
      for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
        sha256.update(buffer, 0, read);
        size += read;
      }
    } catch (IOException e) {
      throw unreadable(file, e);
    }
    return new Hashed(new Digest(PREFIX + HexFormat.of().formatHex(sha256.digest())), size);
  }

  private static Hashed hashDirectory(final Path directory) {
    final List<Entry> entries = new ArrayList<>();
    try {
      final Path root = directory.toRealPath();
      if (!Files.isDirectory(root)) {
        throw new NotDirectoryException(directory.toString());
      }
      Files.walkFileTree(
          root,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(final Path file, final BasicFileAttributes attrs)
                throws IOException {
              if (attrs.isSymbolicLink()) {
                entries.add(link(root, file));
              } else if (attrs.isRegularFile()) {
                final Hashed hashed = hashFile(file);
                entries.add(
                    new Entry(relative(root, file), hashed.digest().hex(), hashed.sizeBytes()));
              }
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw unreadable(directory, e);
    }
    entries.sort(Comparator.comparing(Entry::path, Arrays::compareUnsigned));
    final MessageDigest manifest = Digest.newSha256();
    long size = 0;
    for (final Entry entry : entries) {
      manifest.update(entry.path());
      manifest.update(entry.suffix());
      size += entry.sizeBytes();
    }
    return new Hashed(new Digest(PREFIX + HexFormat.of().formatHex(manifest.digest())), size);
  }

  private static Entry link(final Path root, final Path link) throws IOException {
    final String separator = link.getFileSystem().getSeparator();
    // Stored targets use the OS separator; "/" keeps the manifest the same on every OS.
    final String target = Files.readSymbolicLink(link).toString().replace(separator, "/");
    return new Entry(relative(root, link), "link:" + target, 0);
  }

  private static byte[] relative(final Path root, final Path file) {
    final List<String> names = new ArrayList<>();
    root.relativize(file).forEach(name -> names.add(name.toString()));
    return String.join("/", names).getBytes(StandardCharsets.UTF_8);
  }

  private static UncheckedIOException unreadable(final Path path, final IOException e) {
    return new UncheckedIOException("cannot hash " + path + ": " + e, e);
  }

  /** One manifest line: {@code path} (UTF-8) then {@code \0<value>\n}. */
  private record Entry(byte[] path, byte[] suffix, long sizeBytes) {

    Entry(final byte[] path, final String value, final long sizeBytes) {
      this(path, ("\0" + value + "\n").getBytes(StandardCharsets.UTF_8), sizeBytes);
    }
  }
}
