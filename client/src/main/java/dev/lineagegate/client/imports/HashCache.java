package dev.lineagegate.client.imports;

import dev.lineagegate.client.Digests;
import dev.lineagegate.schema.id.Digest;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SHA-256 of model files, remembered by path, size and modification time (DESIGN.md §6.6): a 10 GB
 * checkpoint takes a minute to hash and is read by thousands of images, so it is hashed once and
 * again only when it changes. Kept in a text file, one line per hash ({@code
 * size<TAB>mtime-millis<TAB>sha256:…<TAB>absolute path}), appended to as files are hashed; the last
 * line of a path wins. A file that cannot be read or written is no cache: nothing is remembered.
 */
public final class HashCache {

  private static final Logger LOG = LoggerFactory.getLogger(HashCache.class);

  private record Key(long size, long modifiedMillis) {}

  private record Entry(Key key, Digest digest) {}

  private final Path file;
  private final Map<Path, Entry> entries = new HashMap<>();
  private long hashedBytes;
  private int hashedFiles;

  private HashCache(final Path file) {
    this.file = file;
  }

  /** The cache kept in {@code file} (created on the first hash); {@code null} for memory only. */
  public static HashCache open(final Path file) {
    final HashCache cache = new HashCache(file);
    if (file != null && Files.isRegularFile(file)) {
      try {
        cache.load(Files.readAllLines(file, StandardCharsets.UTF_8));
      } catch (IOException | UncheckedIOException e) {
        LOG.warn("hash cache {} unreadable, starting empty: {}", file, e.toString());
      }
    }
    return cache;
  }

  /** The digest of {@code path}, from the cache when its size and mtime are those remembered. */
  public Digest digest(final Path path) throws IOException {
    final Path absolute = path.toAbsolutePath().normalize();
    final BasicFileAttributes attributes =
        Files.readAttributes(absolute, BasicFileAttributes.class);
    final Key key = new Key(attributes.size(), attributes.lastModifiedTime().toMillis());
    final Entry known = entries.get(absolute);
    if (known != null && known.key().equals(key)) {
      return known.digest();
    }
    final Digest digest = Digests.file(absolute);
    hashedBytes += key.size();
    hashedFiles++;
    entries.put(absolute, new Entry(key, digest));
    append(absolute, key, digest);
    return digest;
  }

  /** Bytes hashed (not read from the cache) since it was opened. */
  public long hashedBytes() {
    return hashedBytes;
  }

  public int hashedFiles() {
    return hashedFiles;
  }

  private void load(final List<String> lines) {
    for (final String line : lines) {
      final String[] f = line.split("\t", 4);
      if (f.length == 4 && Digest.isValid(f[2])) {
        try {
          entries.put(
              Path.of(f[3]),
              new Entry(new Key(Long.parseLong(f[0]), Long.parseLong(f[1])), new Digest(f[2])));
        } catch (IllegalArgumentException skipped) {
          // A damaged line is a file to hash again, not an error.
        }
      }
    }
  }

  private void append(final Path path, final Key key, final Digest digest) {
    if (file == null) {
      return;
    }
    try {
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      try (BufferedWriter out =
          Files.newBufferedWriter(
              file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
        out.write(key.size() + "\t" + key.modifiedMillis() + "\t" + digest.value() + "\t" + path);
        out.newLine();
      }
    } catch (IOException e) {
      LOG.warn("hash cache {} not written: {}", file, e.toString());
    }
  }
}
