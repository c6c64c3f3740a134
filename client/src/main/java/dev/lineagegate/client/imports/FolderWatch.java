package dev.lineagegate.client.imports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * Follows ComfyUI's output folders ({@code import --watch}) and hands on each new or rewritten
 * image once it is whole. ComfyUI (through Pillow) writes an image in place, in several writes: a
 * file is taken only when its size and modification time did not change over one whole poll period,
 * so a half-written PNG is never read. Polling rather than file-system events: it works the same on
 * network shares and container volumes, where events are often missing, and one listing a second
 * costs nothing next to an image's generation.
 */
final class FolderWatch {

  private record Seen(long size, long modifiedMillis) {}

  private final List<Path> folders;
  private final Duration period;
  private final Map<Path, Seen> taken = new HashMap<>();
  private final Map<Path, Seen> settling = new HashMap<>();

  FolderWatch(final List<Path> folders, final Duration period) {
    this.folders = List.copyOf(folders);
    this.period = period;
  }

  /** Files already imported (by the first pass): taken again only when they change. */
  void alreadyTaken(final Path file) {
    final Seen seen = seen(file);
    if (seen != null) {
      taken.put(file.toAbsolutePath().normalize(), seen);
    }
  }

  /**
   * Polls until {@code stop} says so (or the thread is interrupted), handing on settled images;
   * {@code settled} answers false for a file to be tried again at the next change or poll.
   */
  void run(final BooleanSupplier stop, final Predicate<ImageFiles.Source> settled)
      throws InterruptedException {
    while (!stop.getAsBoolean()) {
      poll(settled);
      Thread.sleep(period.toMillis());
    }
  }

  void poll(final Predicate<ImageFiles.Source> settled) {
    for (final Path folder : folders) {
      for (final ImageFiles.Source source : ImageFiles.inFolder(folder)) {
        final Path key = source.path().toAbsolutePath().normalize();
        final Seen now = seen(key);
        if (now == null || now.equals(taken.get(key))) {
          continue;
        }
        if (now.equals(settling.get(key))) {
          if (settled.test(source)) {
            settling.remove(key);
            taken.put(key, now);
          }
        } else {
          settling.put(key, now);
        }
      }
    }
  }

  private static Seen seen(final Path file) {
    try {
      final BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
      return new Seen(a.size(), a.lastModifiedTime().toMillis());
    } catch (NoSuchFileException gone) {
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
