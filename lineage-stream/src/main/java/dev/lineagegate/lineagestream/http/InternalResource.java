package dev.lineagegate.lineagestream.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lineagegate.avro.graph.ConsumerEdge;
import dev.lineagegate.lineagestream.query.AvroJson;
import dev.lineagegate.lineagestream.query.LocalStores;
import dev.lineagegate.lineagestream.query.NotFound;
import dev.lineagegate.lineagestream.query.RemoteStores;
import io.javalin.Javalin;
import io.javalin.http.Context;

/**
 * What this instance's stores hold, for the other instances that route a key here: Avro JSON of the
 * stored value, 404 when absent. Never routed further, so two instances that disagree on an owner
 * during a rebalance cannot bounce a request between them.
 */
final class InternalResource {

  private final LocalStores local;
  private final ObjectMapper mapper = new ObjectMapper();

  InternalResource(final LocalStores local) {
    this.local = local;
  }

  void routes(final Javalin app) {
    app.get(
        RemoteStores.NODES + "{digest}",
        ctx -> {
          final String digest = ctx.pathParam("digest");
          raw(ctx, local.artifact(digest).map(AvroJson::write).orElseThrow(() -> absent(digest)));
        });
    app.get(
        RemoteStores.NAMES + "{name}",
        ctx -> {
          final String name = ctx.pathParam("name");
          raw(ctx, local.name(name).map(AvroJson::write).orElseThrow(() -> absent(name)));
        });
    app.get(RemoteStores.EDGES + "{digest}", this::edges);
  }

  private void edges(final Context ctx) throws Exception {
    final ObjectNode json = mapper.createObjectNode();
    final ArrayNode edges = json.putArray("edges");
    for (final ConsumerEdge edge : local.consumers(ctx.pathParam("digest"))) {
      edges.add(mapper.readTree(AvroJson.write(edge)));
    }
    QueryResource.json(ctx, json);
  }

  private static void raw(final Context ctx, final String json) {
    ctx.status(200).contentType(QueryResource.JSON).result(json);
  }

  private static NotFound absent(final String key) {
    return new NotFound("this instance holds nothing for " + key);
  }
}
