package dev.lineagegate.lineagestream.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lineagegate.avro.graph.ConsumerEdge;
import dev.lineagegate.lineagestream.TopologyNames;
import dev.lineagegate.lineagestream.graph.Address;
import dev.lineagegate.lineagestream.query.AvroJson;
import dev.lineagegate.lineagestream.query.BadRequest;
import dev.lineagegate.lineagestream.query.LocalStores;
import dev.lineagegate.lineagestream.query.NotFound;
import dev.lineagegate.lineagestream.query.RemoteStores;
import dev.lineagegate.lineagestream.query.RoutedStores;
import dev.lineagegate.lineagestream.query.Unavailable;
import io.javalin.Javalin;
import io.javalin.http.Context;

/**
 * What this instance's stores hold, for the other instances that route a key here: Avro JSON of the
 * stored value, 404 when absent. Never routed further, so two instances that disagree on an owner
 * during a rebalance cannot bounce a request between them.
 */
final class InternalResource {

  private final LocalStores local;
  private final RoutedStores routed;
  private final ObjectMapper mapper = new ObjectMapper();

  InternalResource(final LocalStores local, final RoutedStores routed) {
    this.local = local;
    this.routed = routed;
  }

  void routes(final Javalin app) {
    app.get(
        RemoteStores.NODES + "{digest}",
        ctx -> {
          final String digest = ctx.pathParam("digest");
          owned(TopologyNames.ARTIFACTS_STORE, digest);
          raw(ctx, local.artifact(digest).map(AvroJson::write).orElseThrow(() -> absent(digest)));
        });
    app.get(
        RemoteStores.NAMES + "{name}",
        ctx -> {
          final String name = ctx.pathParam("name");
          owned(TopologyNames.NAMES_STORE, Address.name(name));
          raw(ctx, local.name(name).map(AvroJson::write).orElseThrow(() -> absent(name)));
        });
    app.get(RemoteStores.EDGES + "{digest}", this::edges);
  }

  private void edges(final Context ctx) throws Exception {
    final String digest = ctx.pathParam("digest");
    owned(TopologyNames.EDGES_STORE, digest);
    final ObjectNode json = mapper.createObjectNode();
    final ArrayNode edges = json.putArray("edges");
    for (final ConsumerEdge edge : local.consumers(digest, limit(ctx))) {
      edges.add(mapper.readTree(AvroJson.write(edge)));
    }
    QueryResource.json(ctx, json);
  }

  /** {@code ?limit=N}: a bounded query asks for no more edges than it reads (absent: all). */
  private static int limit(final Context ctx) {
    final String text = ctx.queryParam(RemoteStores.LIMIT);
    if (text == null) {
      return Integer.MAX_VALUE;
    }
    try {
      final int limit = Integer.parseInt(text);
      if (limit > 0) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // falls through to the one message
    }
    throw new BadRequest("/limit", "limit must be a positive whole number, got \"" + text + "\"");
  }

  /**
   * A key this instance no longer owns (the asker's metadata is older than ours) is a 503 for the
   * asker to retry, not a 404 that would read as "no such artifact".
   */
  private void owned(final String store, final String address) {
    if (!routed.owns(store, address)) {
      throw new Unavailable("this instance does not own " + address + " in " + store + " now");
    }
  }

  private static void raw(final Context ctx, final String json) {
    ctx.status(200).contentType(QueryResource.JSON).result(json);
  }

  private static NotFound absent(final String key) {
    return new NotFound("this instance holds nothing for " + key);
  }
}
