package dev.lineagegate.stack.fuzz;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lineagegate.avro.ExecutionEvent;
import dev.lineagegate.schema.id.Digest;
import dev.lineagegate.schema.json.ExecutionEventJson;
import dev.lineagegate.testkit.Http;
import dev.lineagegate.testkit.TestEvents;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Verdicts as the check of "nothing malformed gets a verdict" needs them: valid runs sent through
 * the native API (the known artifact before the fuzz, canaries after it), a bounded wait until
 * given digests have verdicts, and the digests among others that do have one.
 */
final class Verdicts {

  private final URI ingest;
  private final URI lineage;
  private final ExecutionEventJson json = new ExecutionEventJson(new ObjectMapper());

  Verdicts(final URI ingest, final URI lineage) {
    this.ingest = ingest;
    this.lineage = lineage;
  }

  /** START and COMPLETE of a valid run of {@code runId} with one output, sent as one batch. */
  void run(final String runId, final String name, final String digest)
      throws IOException, InterruptedException {
    final List<ExecutionEvent> events =
        List.of(
            TestEvents.start(runId, "fuzz-canary", 0, List.of()),
            TestEvents.complete(
                runId,
                "fuzz-canary",
                0,
                List.of(),
                List.of(TestEvents.output(name, Digest.parse(digest)))));
    final String body =
        "[" + json.writeString(events.get(0)) + "," + json.writeString(events.get(1)) + "]";
    final Http.Answer answer = Http.post(ingest, "/v1/events", "application/json", body);
    if (answer.status() != 202) {
      throw new IllegalStateException(
          "a valid run was refused: " + answer.status() + " " + answer.text());
    }
  }

  /** The digests of {@code wanted} that still have no verdict after {@code timeout}. */
  Set<String> await(final Collection<String> wanted, final Duration timeout)
      throws IOException, InterruptedException {
    final Set<String> missing = new HashSet<>(wanted);
    final long deadline = System.nanoTime() + timeout.toNanos();
    while (!missing.isEmpty() && System.nanoTime() < deadline) {
      for (final String digest : List.copyOf(missing)) {
        if (status(digest) == 200) {
          missing.remove(digest);
        }
      }
      if (!missing.isEmpty()) {
        Thread.sleep(250);
      }
    }
    return missing;
  }

  /** Whether {@code name} is known to the name query within {@code timeout}. */
  boolean awaitName(final String name, final Duration timeout)
      throws IOException, InterruptedException {
    final String path =
        "/v1/names/"
            + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20")
            + "/versions";
    final long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (Http.get(lineage, path).status() == 200) {
        return true;
      }
      Thread.sleep(250);
    }
    return false;
  }

  /** The digests of {@code digests} that have a verdict (or answer anything but 404). */
  List<String> withVerdicts(final List<String> digests, final int threads)
      throws InterruptedException {
    final ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      final List<Future<String>> answers = new ArrayList<>();
      for (final String digest : digests) {
        answers.add(pool.submit(() -> status(digest) == 404 ? null : digest));
      }
      final List<String> found = new ArrayList<>();
      for (final Future<String> answer : answers) {
        final String digest = answer.get();
        if (digest != null) {
          found.add(digest);
        }
      }
      return found;
    } catch (ExecutionException e) {
      throw new IllegalStateException("verdict query failed", e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  /** The verdict query's status; a 503 (state moving) is asked again, boundedly. */
  int status(final String digest) throws IOException, InterruptedException {
    int status = 0;
    for (int attempt = 0; attempt < 20; attempt++) {
      status = Http.get(lineage, "/v1/artifacts/" + digest + "/verdict").status();
      if (status != 503) {
        return status;
      }
      Thread.sleep(500);
    }
    return status;
  }
}
