package dev.lineagegate.lineagestream.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the gate (server side, {@code lineage.gate-url}) for an artifact's decision per target and
 * its recorded decisions, all at once and bounded by {@code lineage.gate-timeout}: a gate that is
 * down or slow costs the page at most that long and turns into {@link GateView#unavailable}. Server
 * side rather than CORS, so that the browser only ever talks to one origin.
 */
public final class GateClient {

  private static final Logger LOG = LoggerFactory.getLogger(GateClient.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Optional<URI> gate;
  private final Duration timeout;
  private final HttpClient http;

  public GateClient(final Optional<URI> gate, final Duration timeout) {
    this.gate = gate;
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  public Optional<URI> url() {
    return gate;
  }

  public GateView view(final String digest, final List<String> targets) {
    if (gate.isEmpty()) {
      return GateView.unavailable("no gate configured (lineage.gate-url)");
    }
    final URI base = gate.get();
    try {
      final Map<String, CompletableFuture<JsonNode>> asked = new LinkedHashMap<>();
      for (final String target : targets) {
        asked.put(
            target,
            get(base + "/v1/gate/" + Html.segment(digest) + "?target=" + Html.param(target)));
      }
      final CompletableFuture<JsonNode> recorded =
          get(base + "/v1/decisions?artifact=" + Html.param(digest));
      final Map<String, JsonNode> decisions = new LinkedHashMap<>();
      for (final Map.Entry<String, CompletableFuture<JsonNode>> entry : asked.entrySet()) {
        decisions.put(entry.getKey(), entry.getValue().join());
      }
      final List<JsonNode> list = new ArrayList<>();
      recorded.join().path("decisions").forEach(list::add);
      return new GateView(null, decisions, list);
    } catch (CompletionException e) {
      final Throwable cause = e.getCause() == null ? e : e.getCause();
      LOG.info("the gate at {} did not answer for {}: {}", base, digest, cause.toString());
      return GateView.unavailable(
          "the gate at " + base + " is unavailable (" + describe(cause) + ")");
    }
  }

  private CompletableFuture<JsonNode> get(final String url) {
    return http.sendAsync(
            HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET().build(),
            HttpResponse.BodyHandlers.ofString())
        .thenApply(
            answer -> {
              if (answer.statusCode() != 200) {
                throw new CompletionException(
                    new IOException("HTTP " + answer.statusCode() + " from the gate"));
              }
              try {
                return JSON.readTree(answer.body());
              } catch (IOException e) {
                throw new CompletionException(e);
              }
            });
  }

  private static String describe(final Throwable cause) {
    final String message = cause.getMessage();
    return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
