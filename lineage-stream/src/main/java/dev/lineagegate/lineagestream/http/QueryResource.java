package dev.lineagegate.lineagestream.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lineagegate.lineagestream.query.GraphvizDot;
import dev.lineagegate.lineagestream.query.LineageGraph;
import dev.lineagegate.lineagestream.query.NameGraph;
import dev.lineagegate.lineagestream.query.NameGraphJson;
import dev.lineagegate.lineagestream.query.QueryService;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.Locale;

/**
 * The public queries of DESIGN.md §6.3: paths and formats only, the answers come from the service.
 */
final class QueryResource {

  static final String JSON = "application/json";

  private final QueryService service;

  QueryResource(final QueryService service) {
    this.service = service;
  }

  void routes(final Javalin app) {
    app.get(
        "/v1/artifacts/{digest}/verdict",
        ctx -> json(ctx, service.verdict(ctx.pathParam("digest"))));
    app.get("/v1/names/{name}/versions", ctx -> json(ctx, service.versions(ctx.pathParam("name"))));
    app.get("/v1/lineage/{digest}", this::lineage);
    app.get("/v1/lineage", this::nameLineage);
  }

  private void nameLineage(final Context ctx) {
    final String format = ctx.queryParam("format");
    final NameGraph graph =
        service.nameLineage(
            ctx.queryParam("name"), ctx.queryParam("direction"), ctx.queryParam("depth"), format);
    if ("dot".equals(format)) {
      ctx.status(200).contentType(GraphvizDot.CONTENT_TYPE).result(GraphvizDot.render(graph));
    } else {
      json(ctx, NameGraphJson.of(graph));
    }
  }

  private void lineage(final Context ctx) {
    final String format = ctx.queryParam("format");
    final LineageGraph graph =
        service.lineage(
            ctx.pathParam("digest"), ctx.queryParam("direction"), ctx.queryParam("depth"), format);
    if ("dot".equals(format)) {
      ctx.status(200).contentType(GraphvizDot.CONTENT_TYPE).result(GraphvizDot.render(graph));
    } else {
      json(ctx, graphJson(graph));
    }
  }

  static void json(final Context ctx, final ObjectNode body) {
    ctx.status(200).contentType(JSON).result(body.toString());
  }

  private static ObjectNode graphJson(final LineageGraph graph) {
    final ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("root", graph.root());
    json.put("direction", graph.direction().name().toLowerCase(Locale.ROOT));
    json.put("depth", graph.depth());
    json.put("truncated", graph.truncated());
    final ArrayNode nodes = json.putArray("nodes");
    for (final LineageGraph.Node node : graph.nodes()) {
      final ObjectNode n = nodes.addObject().put("id", node.id()).put("kind", node.kind());
      if ("run".equals(node.kind())) {
        n.put("runId", node.runId()).put("step", node.step());
      } else {
        n.put("digest", node.digest()).put("name", node.name()).put("status", node.status());
        if (node.pending()) {
          n.put("pending", true);
        }
      }
    }
    final ArrayNode edges = json.putArray("edges");
    graph.edges().forEach(e -> edges.addObject().put("from", e.from()).put("to", e.to()));
    return json;
  }
}
