package dev.lineagegate.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Recorder;

/**
 * Sends prepared request bodies with a fixed number of concurrent workers, each waiting for its
 * answer before the next (closed loop), and records every request's latency. Bounded: it stops
 * after the last body or at the deadline, whichever comes first.
 */
final class Load {

  record Result(long requests, long events, long failures, double seconds, Recorder latencies) {

    double eventsPerSecond() {
      return events / seconds;
    }
  }

  private Load() {}

  static Result run(
      final URI url,
      final List<String> bodies,
      final int eventsPerBody,
      final int concurrency,
      final Duration deadline)
      throws Exception {
    final HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
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
                  for (int i = next.getAndIncrement();
                      i < bodies.size() && System.nanoTime() < stopAt;
                      i = next.getAndIncrement()) {
                    final long start = System.nanoTime();
                    if (!accepted(http, url, bodies.get(i))) {
                      failures.incrementAndGet();
                    }
                    latencies.recordValue((System.nanoTime() - start) / 1000);
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
    final long requests = Math.min(next.get(), bodies.size());
    return new Result(
        requests, (requests - failures.get()) * eventsPerBody, failures.get(), seconds, latencies);
  }

  private static boolean accepted(final HttpClient http, final URI url, final String body) {
    try {
      final HttpResponse<Void> response =
          http.send(
              HttpRequest.newBuilder(url)
                  .timeout(Duration.ofSeconds(30))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      return response.statusCode() == 202;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (java.io.IOException e) {
      return false;
    }
  }
}
