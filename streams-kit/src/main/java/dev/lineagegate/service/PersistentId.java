package dev.lineagegate.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A random id created once and kept in a file: what must stay the same when the same instance
 * starts again (a static group member's id, a transactional id prefix), and differ between
 * instances, which never share the directory the file is in.
 */
public final class PersistentId {

  private static final Logger LOG = LoggerFactory.getLogger(PersistentId.class);

  private PersistentId() {}

  /** The id kept in {@code file}, or a new random UUID written there first. */
  public static String loadOrCreate(final Path file) {
    try {
      final Optional<String> kept = read(file);
      if (kept.isPresent()) {
        return kept.get();
      }
      final String id = UUID.randomUUID().toString();
      final Path parent = file.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      // Written aside, forced to disk, then renamed into place: the file is either absent or
      // whole, even after a crash or power loss in the middle.
      final Path temporary = Files.createTempFile(parent, file.getFileName() + ".", ".tmp");
      try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
        channel.write(ByteBuffer.wrap((id + "\n").getBytes(StandardCharsets.US_ASCII)));
        channel.force(true);
      }
      try {
        Files.move(temporary, file);
        return id;
      } catch (FileAlreadyExistsException raced) {
        // Another process created it meanwhile: the first one written is the id.
        Files.deleteIfExists(temporary);
        return read(file).orElseThrow(() -> new IOException("unreadable id in " + file));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep an id in " + file, e);
    }
  }

  private static Optional<String> read(final Path file) throws IOException {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    final String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
    try {
      return Optional.of(UUID.fromString(text).toString());
    } catch (IllegalArgumentException e) {
      // Only a hand edit gets here (the file is written whole or not at all): a new id costs what
      // a new instance costs, so replace it rather than refuse to start.
      LOG.warn("{} does not hold an id ({}), replacing it", file, e.getMessage());
      Files.delete(file);
      return Optional.empty();
    }
  }
}
