package dev.lineagegate.bench;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * GETs prepared URLs with a fixed number of concurrent workers, each on its own keep-alive raw
 * connection ({@link RawHttp}) and waiting for its answer before the next (closed loop), like
 * {@link ClosedLoopPost} for POSTs. Every answer but a 200 counts as an error. Bounded: it stops
 * after the last URL or at the deadline, whichever comes first.
 */
final class ClosedLoopGet {

  /** What one run measured; latencies in microseconds. */
  record Result(long requests, long errors, double seconds, Histogram latencies) {

    double requestsPerSecond() {
      return requests / seconds;
    }

    double percentileMs(final double percentile) {
      return latencies.getValueAtPercentile(percentile) / 1000.0;
    }

    double maxMs() {
      return latencies.getMaxValue() / 1000.0;
    }
  }

  private ClosedLoopGet() {}

  static Result run(final List<URI> urls, final int concurrency, final Duration deadline)
      throws Exception {
    // Encoded before the clock starts: the generator must not measure its own string building.
    final List<byte[]> requests = new ArrayList<>(urls.size());
    for (final URI url : urls) {
      requests.add(RawHttp.get(url));
    }
    final URI server = urls.get(0);
    final Recorder latencies = new Recorder(3);
    final AtomicInteger next = new AtomicInteger();
    final AtomicLong errors = new AtomicLong();
    final long stopAt = System.nanoTime() + deadline.toNanos();
    final ExecutorService workers = Executors.newFixedThreadPool(concurrency);
    final long begin = System.nanoTime();
    try {
      final List<Future<Object>> running = new ArrayList<>();
      for (int w = 0; w < concurrency; w++) {
        running.add(
            workers.submit(
                () -> {
                  try (RawHttp connection = new RawHttp(server)) {
                    for (int i = next.getAndIncrement();
                        i < requests.size() && System.nanoTime() < stopAt;
                        i = next.getAndIncrement()) {
                      final long start = System.nanoTime();
                      if (!ok(connection, requests.get(i))) {
                        errors.incrementAndGet();
                      }
                      latencies.recordValue((System.nanoTime() - start) / 1000);
                    }
                  }
                  return null;
                }));
      }
      for (final Future<Object> worker : running) {
        worker.get();
      }
    } finally {
      workers.shutdownNow();
    }
    final double seconds = (System.nanoTime() - begin) / 1e9;
    final Histogram histogram = latencies.getIntervalHistogram();
    return new Result(histogram.getTotalCount(), errors.get(), seconds, histogram);
  }

  private static boolean ok(final RawHttp connection, final byte[] request) {
    try {
      return connection.send(request) == 200;
    } catch (IOException e) {
      return false;
    }
  }
}
