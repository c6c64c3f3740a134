package dev.lineagegate.stack.fuzz;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The resident set size of the JVM under test ({@code VmRSS} in {@code /proc/<pid>/status}),
 * sampled every half second while the fuzzer runs, so that the peak is seen and not only the end.
 */
final class Rss implements AutoCloseable {

  private final Path status;
  private final long before;
  private final AtomicLong peak = new AtomicLong();
  private final Thread sampler;
  private volatile boolean running = true;

  /** {@code pid} of the JVM to watch; "self" for this one. */
  Rss(final String pid) {
    this.status = Path.of("/proc", pid, "status");
    this.before = read();
    this.peak.set(before);
    this.sampler =
        new Thread(
            () -> {
              while (running) {
                peak.accumulateAndGet(read(), Math::max);
                try {
                  Thread.sleep(500);
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "fuzz-rss");
    sampler.setDaemon(true);
    sampler.start();
  }

  /** VmRSS in bytes, or -1 when it cannot be read (not Linux, the process is gone). */
  long read() {
    try {
      for (final String line : Files.readAllLines(status)) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      // unknown, reported as such
    }
    return -1;
  }

  long before() {
    return before;
  }

  long peak() {
    return Math.max(peak.get(), read());
  }

  @Override
  public void close() {
    running = false;
    sampler.interrupt();
  }
}
