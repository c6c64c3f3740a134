package dev.lineagegate.client.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lineagegate.schema.id.Digest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The input digests lineage-gate recorded for an imported image, from lineage-stream's {@code GET
 * /v1/lineage/{digest}?direction=upstream&depth=1}: the artifact versions its run read, by name. A
 * name linked to its unversioned source node (imported without the file's digest, DESIGN.md §2) has
 * no recorded digest.
 */
public final class RecordedInputs {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final ObjectMapper JSON = new ObjectMapper();

  private RecordedInputs() {}

  /** The digests by name; empty when lineage-gate does not know the image (404). */
  public static Optional<Map<String, Digest>> of(final URI lineageUrl, final Digest image)
      throws IOException, InterruptedException {
    final HttpResponse<String> answer =
        HttpClient.newBuilder()
            .connectTimeout(TIMEOUT)
            .build()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            lineageUrl
                                + "/v1/lineage/"
                                + image.value()
                                + "?direction=upstream&depth=1"))
                    .timeout(TIMEOUT)
                    .GET()
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() == 404) {
      return Optional.empty();
    }
    if (answer.statusCode() != 200) {
      throw new IOException("HTTP " + answer.statusCode() + " from " + lineageUrl);
    }
    final Map<String, Digest> recorded = new HashMap<>();
    for (final JsonNode node : JSON.readTree(answer.body()).path("nodes")) {
      final String name = node.path("name").asText(null);
      final String digest = node.path("digest").asText(null);
      if ("artifact".equals(node.path("kind").asText())
          && name != null
          && digest != null
          && !digest.equals(image.value())
          && !digest.equals(Digest.sha256("source:" + name).value())) {
        recorded.put(name, new Digest(digest));
      }
    }
    return Optional.of(recorded);
  }
}
