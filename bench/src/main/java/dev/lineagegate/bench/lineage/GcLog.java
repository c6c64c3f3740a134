package dev.lineagegate.bench.lineage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a unified JVM GC log ({@code -Xlog:gc:file=...}): the heap occupied after each collection
 * is the upper bound of what was live then, which is the figure a heap goal is about (heap "used"
 * between collections counts garbage too).
 */
public final class GcLog {

  // e.g. "[12.3s][info][gc] GC(7) Pause Young (Normal) (G1 Evacuation Pause) 300M->120M(512M) 4ms"
  private static final Pattern PAUSE =
      Pattern.compile(
          "GC\\(\\d+\\) (Pause [^)]*\\)).* (\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)");

  private GcLog() {}

  /** What the log says so far. */
  public record Summary(
      int collections,
      int fullCollections,
      long maxAfterBytes,
      long lastAfterBytes,
      long lastFullAfterBytes,
      long maxCommittedBytes) {

    static final Summary EMPTY = new Summary(0, 0, 0, 0, -1, 0);
  }

  public static Summary read(final Path log) throws IOException {
    return Files.exists(log) ? parse(Files.readAllLines(log)) : Summary.EMPTY;
  }

  public static Summary parse(final List<String> lines) {
    int collections = 0;
    int full = 0;
    long maxAfter = 0;
    long lastAfter = 0;
    long lastFull = -1;
    long maxCommitted = 0;
    for (final String line : lines) {
      final Matcher m = PAUSE.matcher(line);
      if (!m.find()) {
        continue;
      }
      collections++;
      final long after = bytes(m.group(4), m.group(5));
      maxAfter = Math.max(maxAfter, after);
      lastAfter = after;
      maxCommitted = Math.max(maxCommitted, bytes(m.group(6), m.group(7)));
      if (m.group(1).startsWith("Pause Full")) {
        full++;
        lastFull = after;
      }
    }
    return new Summary(collections, full, maxAfter, lastAfter, lastFull, maxCommitted);
  }

  /** The resident set of process {@code pid} from /proc (heap, RocksDB, metaspace, threads). */
  public static OptionalLong residentBytes(final long pid) {
    try {
      for (final String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return OptionalLong.of(Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024);
        }
      }
    } catch (IOException | RuntimeException e) {
      return OptionalLong.empty(); // not Linux, or the process is gone
    }
    return OptionalLong.empty();
  }

  private static long bytes(final String number, final String unit) {
    final long n = Long.parseLong(number);
    return switch (unit) {
      case "K" -> n << 10;
      case "M" -> n << 20;
      default -> n << 30;
    };
  }
}
