package dev.lineagegate.lineagestream.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lineagegate.avro.graph.ArtifactNode;
import dev.lineagegate.avro.graph.ConsumerEdge;
import dev.lineagegate.avro.graph.NameNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.state.HostInfo;

/**
 * The stores of another instance, through its internal endpoints ({@code /internal/v1/...}). An
 * instance that cannot be reached, or is itself not ready, is a 503: the key's owner is moving.
 */
public final class RemoteStores {

  public static final String NODES = "/internal/v1/nodes/";
  public static final String EDGES = "/internal/v1/edges/";
  public static final String NAMES = "/internal/v1/names/";
  public static final String LIMIT = "limit";

  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  private final ObjectMapper json = new ObjectMapper();

  public Optional<ArtifactNode> artifact(final HostInfo host, final String digest) {
    return get(host, NODES + encode(digest)).map(text -> AvroJson.read(ArtifactNode.class, text));
  }

  /** At most {@code limit} of them (the owner stops reading there): {@code ?limit=}. */
  public List<ConsumerEdge> consumers(final HostInfo host, final String digest, final int limit) {
    final List<ConsumerEdge> edges = new ArrayList<>();
    final String query = limit == Integer.MAX_VALUE ? "" : "?" + LIMIT + "=" + limit;
    get(host, EDGES + encode(digest) + query)
        .ifPresent(
            text -> {
              try {
                for (final JsonNode edge : json.readTree(text).path("edges")) {
                  edges.add(AvroJson.read(ConsumerEdge.class, edge.toString()));
                }
              } catch (IOException e) {
                throw new Unavailable("unreadable answer from " + host + ": " + e.getMessage(), e);
              }
            });
    return edges;
  }

  public Optional<NameNode> name(final HostInfo host, final String name) {
    return get(host, NAMES + encode(name)).map(text -> AvroJson.read(NameNode.class, text));
  }

  private Optional<String> get(final HostInfo host, final String path) {
    final URI uri = URI.create("http://" + host.host() + ":" + host.port() + path);
    final HttpResponse<String> response;
    try {
      response =
          client.send(
              HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new Unavailable("instance " + host + " cannot be reached: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Unavailable("interrupted asking " + host, e);
    }
    if (response.statusCode() == 404) {
      return Optional.empty();
    }
    if (response.statusCode() != 200) {
      throw new Unavailable(
          "instance " + host + " answered " + response.statusCode() + " for " + path);
    }
    return Optional.of(response.body());
  }

  /** Path segments are encoded whole: a name may hold '/' and ':'. */
  private static String encode(final String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
