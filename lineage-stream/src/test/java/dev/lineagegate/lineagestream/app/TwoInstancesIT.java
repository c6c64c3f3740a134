package dev.lineagegate.lineagestream.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lineagegate.avro.Verdict;
import dev.lineagegate.schema.Topics;
import dev.lineagegate.testkit.Http;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances of one application share the partitions: either answers for every key (routing),
 * and when one stops mid-stream the other takes its tasks over without losing or repeating a
 * verdict (exactly_once_v2).
 */
@Timeout(150)
class TwoInstancesIT {

  private static final Duration WAIT = Duration.ofSeconds(45);

  @TempDir Path stateA;
  @TempDir Path stateB;

  @Test
  void shouldAnswerEverywhereAndLoseNoVerdictWhenOneOfTwoInstancesStopsMidStream()
      throws Exception {
    try (StreamStack stack = StreamStack.start()) {
      // Given two instances of one application id
      final String applicationId = "lineage-stream-two-" + UUID.randomUUID();
      final Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
      final Map<TopicPartition, Long> before = stack.end(Topics.VERDICTS);
      final LineageStreamApp a = LineageStreamApp.start(stack.config(applicationId, stateA));
      final LineageStreamApp b = LineageStreamApp.start(stack.config(applicationId, stateB));
      try {
        // When twelve runs are sent
        send(stack, 0, 12, at);
        // Then each instance answers the same verdict for every artifact, wherever it lives
        final List<String> first = artifacts(0, 12);
        for (final String digest : first) {
          assertThat(await(a, digest)).isEqualTo(await(b, digest));
        }
        assertThat(first).anyMatch(a::owns).anyMatch(b::owns);
        for (int i = 0; i < 12; i++) {
          final String path = "/v1/names/" + Runs.encodedModelName(i) + "/versions";
          assertThat(Http.get(a.url(), path).json()).isEqualTo(Http.get(b.url(), path).json());
          assertThat(Http.get(a.url(), path).json().path("name").asText())
              .isEqualTo(Runs.modelName(i));
        }
        // and the same name-level graph, whichever instance holds its names and versions
        for (int i = 0; i < 12; i++) {
          final String lineage = "/v1/lineage?name=" + Runs.encodedModelName(i) + "&direction=both";
          assertThat(awaitSettled(a, lineage)).isEqualTo(awaitSettled(b, lineage));
        }
        // When b stops while six runs are in flight, and six more follow
        send(stack, 12, 18, at);
        b.close();
        send(stack, 18, 24, at);
        // Then a finishes every run
        for (final String digest : artifacts(0, 24)) {
          assertThat(await(a, digest).path("sequence").asLong()).isEqualTo(1L);
        }
        // and every verdict was written exactly once: no (artifact, sequence) lost or repeated
        final List<ConsumerRecord<String, Verdict>> records = stack.verdicts(before, 48);
        assertThat(records)
            .extracting(r -> r.value().getArtifact() + "#" + r.value().getSequence())
            .doesNotHaveDuplicates();
        assertThat(records)
            .extracting(ConsumerRecord::value)
            .containsExactlyInAnyOrderElementsOf(expected(0, 24, at));
      } finally {
        a.close();
        b.close();
      }
    }
  }

  private static void send(
      final StreamStack stack, final int from, final int to, final Instant at) {
    for (int i = from; i < to; i++) {
      stack.send(Runs.start(i), at);
      stack.send(Runs.complete(i), at);
    }
  }

  private static List<String> artifacts(final int from, final int to) {
    final List<String> digests = new ArrayList<>();
    IntStream.range(from, to)
        .forEach(
            i -> {
              digests.add(Runs.features(i).value());
              digests.add(Runs.model(i).value());
            });
    return digests;
  }

  private static List<Verdict> expected(final int from, final int to, final Instant at) {
    final List<Verdict> verdicts = new ArrayList<>();
    for (int i = from; i < to; i++) {
      verdicts.add(Verdicts.input(Runs.features(i).value(), Runs.featuresName(i), at));
      verdicts.add(
          Verdicts.output(
              Runs.model(i).value(), Runs.modelName(i), Runs.start(i), Runs.complete(i), at));
    }
    return verdicts;
  }

  /**
   * The name-level graph as {@code app} serves it once its input's name knows the digest read under
   * it (a graph message that may follow the verdicts): every dataset then has a status.
   */
  private static JsonNode awaitSettled(final LineageStreamApp app, final String path)
      throws Exception {
    final long deadline = System.nanoTime() + WAIT.toNanos();
    Http.Answer answer;
    do {
      answer = Http.get(app.url(), path);
      if (answer.status() == 200) {
        final JsonNode graph = answer.json();
        final boolean settled =
            graph.path("nodes").size() == 3
                && StreamSupport.stream(graph.path("nodes").spliterator(), false)
                    .allMatch(n -> n.path("status").isTextual());
        if (settled) {
          return graph;
        }
      }
      Thread.sleep(100);
    } while (System.nanoTime() < deadline);
    throw new AssertionError(app.url() + path + ": " + answer.status() + " " + answer.text());
  }

  /** The verdict as {@code app} serves it, once it has one (404 and 503 are retried). */
  private static JsonNode await(final LineageStreamApp app, final String digest) throws Exception {
    final long deadline = System.nanoTime() + WAIT.toNanos();
    Http.Answer answer;
    do {
      answer = Http.get(app.url(), "/v1/artifacts/" + digest + "/verdict");
      if (answer.status() == 200) {
        return answer.json();
      }
      Thread.sleep(100);
    } while (System.nanoTime() < deadline);
    throw new AssertionError(
        "no verdict for "
            + digest
            + " from "
            + app.url()
            + ": "
            + answer.status()
            + " "
            + answer.text());
  }
}
