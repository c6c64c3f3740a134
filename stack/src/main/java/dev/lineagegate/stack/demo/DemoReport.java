package dev.lineagegate.stack.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lineagegate.client.cli.LineageTree;
import dev.lineagegate.schema.id.Digest;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Waits (bounded) until every artifact of the demo has a verdict and the verdicts have settled,
 * then prints each verdict with its reasons, the gate's decision for {@code prod}, one recorded
 * promotion, the lineage tree of the serving image, and where to look next.
 */
public final class DemoReport {

  private static final Duration SETTLE = Duration.ofMillis(1500);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI lineage;
  private final URI gate;
  private final URI web;
  private final PrintStream out;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public DemoReport(final URI lineage, final URI gate, final URI web, final PrintStream out) {
    this.lineage = lineage;
    this.gate = gate;
    this.web = web;
    this.out = out;
  }

  /** Returns the time from {@code sentNanos} to the first verdict seen. */
  public Duration print(
      final Map<String, Digest> artifacts, final long sentNanos, final Duration timeout) {
    final Duration firstVerdict = awaitSettled(artifacts, sentNanos, timeout);
    out.println();
    out.println("Verdicts and the gate's decision for prod:");
    for (final Map.Entry<String, Digest> artifact : artifacts.entrySet()) {
      final String digest = artifact.getValue().value();
      final Optional<JsonNode> verdict = get(lineage, "/v1/artifacts/" + digest + "/verdict");
      final Optional<JsonNode> decision = get(gate, "/v1/gate/" + digest + "?target=prod");
      out.printf(
          "  %-28s %s  %-5s  prod: %s%n",
          artifact.getKey(),
          LineageTree.shorten(digest),
          verdict.map(v -> v.path("status").asText()).orElse("-"),
          decision.map(d -> d.path("decision").asText()).orElse("-"));
      verdict.ifPresent(
          v ->
              v.path("reasons")
                  .forEach(
                      r ->
                          out.printf(
                              "      %-5s %-20s %s%n",
                              r.path("severity").asText(),
                              r.path("code").asText(),
                              r.path("message").asText())));
    }
    final String clean = artifacts.get("clean v2 (clean)").value();
    final Optional<JsonNode> promoted =
        post(
            gate,
            "/v1/promotions",
            JSON.createObjectNode()
                .put("artifact", clean)
                .put("target", "prod")
                .put("requestId", "demo-" + UUID.randomUUID())
                .put("requestedBy", "lineage-gate demo")
                .toString());
    out.println();
    out.println(
        "Promotion of the clean artifact to prod, recorded on gate.decisions.v1 and signed: "
            + promoted
                .map(
                    p ->
                        p.path("decision").asText()
                            + " (decision "
                            + p.path("decisionId").asText()
                            + ")")
                .orElse("failed"));
    final String image = artifacts.get("serving image").value();
    get(lineage, "/v1/lineage/" + image + "?direction=upstream&depth=6")
        .ifPresent(
            graph -> {
              out.println();
              out.println("What produced the serving image (lineage-gate lineage " + image + "):");
              out.print(LineageTree.render(graph, true));
            });
    out.println();
    out.println("Explore (the web view first; open it in a browser):");
    out.println("  " + web + "/artifacts/" + image + "   <- why the serving image is blocked");
    out.println("  " + web + "/alerts");
    out.println("  " + lineage + "/v1/artifacts/" + image + "/verdict");
    out.println("  " + lineage + "/v1/lineage/" + image + "?direction=upstream&format=dot");
    out.println("  " + lineage + "/v1/names/model%3Achurn/versions");
    out.println("  " + gate + "/v1/gate/" + clean + "?target=prod");
    out.println("  " + gate + "/v1/decisions?artifact=" + clean);
    out.println("  " + gate + "/v1/keys");
    return firstVerdict;
  }

  private Duration awaitSettled(
      final Map<String, Digest> artifacts, final long sentNanos, final Duration timeout) {
    final long deadline = System.nanoTime() + timeout.toNanos();
    Duration first = null;
    Map<String, Long> last = Map.of();
    long stableSince = System.nanoTime();
    while (System.nanoTime() < deadline) {
      final Map<String, Long> sequences = new HashMap<>();
      for (final Digest digest : artifacts.values()) {
        get(lineage, "/v1/artifacts/" + digest.value() + "/verdict")
            .ifPresent(v -> sequences.put(digest.value(), v.path("sequence").asLong()));
      }
      if (first == null && !sequences.isEmpty()) {
        first = Duration.ofNanos(System.nanoTime() - sentNanos);
      }
      if (!sequences.equals(last)) {
        last = sequences;
        stableSince = System.nanoTime();
      } else if (sequences.size() == artifacts.size()
          && System.nanoTime() - stableSince > SETTLE.toNanos()) {
        return first;
      }
      sleep();
    }
    out.println(
        "(not every verdict arrived within " + timeout.toSeconds() + " s; showing what there is)");
    return first == null ? timeout : first;
  }

  private Optional<JsonNode> get(final URI base, final String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
  }

  private Optional<JsonNode> post(final URI base, final String path, final String body) {
    return send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  private Optional<JsonNode> send(final HttpRequest.Builder request) {
    try {
      final HttpResponse<String> answer =
          http.send(
              request.timeout(Duration.ofSeconds(10)).build(),
              HttpResponse.BodyHandlers.ofString());
      return answer.statusCode() / 100 == 2
          ? Optional.of(JSON.readTree(answer.body()))
          : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
