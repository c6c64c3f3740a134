package dev.lineagegate.ingest.http;

import io.javalin.http.Context;

/** {@code POST /api/v1/lineage}: an OpenLineage event, answered 201 like Marquez does. */
public interface OpenLineageHandler {

  void handle(Context ctx, JsonBodies bodies);
}
