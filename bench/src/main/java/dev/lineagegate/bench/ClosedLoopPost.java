package dev.lineagegate.bench;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Recorder;

/**
 * Sends prepared request bodies with a fixed number of concurrent workers (raw keep-alive
 * connections, see {@link RawHttp}), each waiting for its answer before the next (closed loop), and
 * records every request's latency. Bounded: it stops after the last body or at the deadline,
 * whichever comes first.
 */
final class ClosedLoopPost {

  record Result(long requests, long events, long failures, double seconds, Recorder latencies) {

    double eventsPerSecond() {
      return events / seconds;
    }
  }

  private ClosedLoopPost() {}

  static Result run(
      final URI url,
      final List<String> bodies,
      final int eventsPerBody,
      final int concurrency,
      final Duration deadline)
      throws Exception {
    final List<byte[]> requests = new java.util.ArrayList<>(bodies.size());
    for (final String body : bodies) {
      requests.add(RawHttp.post(url, body));
    }
    final Recorder latencies = new Recorder(3);
    final AtomicInteger next = new AtomicInteger();
    final AtomicLong failures = new AtomicLong();
    final long stopAt = System.nanoTime() + deadline.toNanos();
    final ExecutorService workers = Executors.newFixedThreadPool(concurrency);
    final long begin = System.nanoTime();
    try {
      final List<Future<Object>> running = new java.util.ArrayList<>();
      for (int w = 0; w < concurrency; w++) {
        running.add(
            workers.submit(
                () -> {
                  try (RawHttp connection = new RawHttp(url)) {
                    for (int i = next.getAndIncrement();
                        i < requests.size() && System.nanoTime() < stopAt;
                        i = next.getAndIncrement()) {
                      final long start = System.nanoTime();
                      if (!accepted(connection, requests.get(i))) {
                        failures.incrementAndGet();
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
    final long requestsSent = Math.min(next.get(), requests.size());
    return new Result(
        requestsSent,
        (requestsSent - failures.get()) * eventsPerBody,
        failures.get(),
        seconds,
        latencies);
  }

  private static boolean accepted(final RawHttp connection, final byte[] request) {
    try {
      final int status = connection.send(request);
      return status == 202;
    } catch (java.io.IOException e) {
      return false;
    }
  }
}
