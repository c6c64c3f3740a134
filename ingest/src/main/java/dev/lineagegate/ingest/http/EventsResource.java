package dev.lineagegate.ingest.http;

import dev.lineagegate.ingest.IngestService;
import io.javalin.Javalin;
import io.javalin.http.Context;

/**
 * {@code POST /v1/events} (DESIGN.md §6.1): one native event or an array of them, 202 with a
 * receipt per event once the broker acknowledged them all (a batch is one Kafka transaction); 400
 * with every invalid field of every event otherwise.
 */
final class EventsResource {

  private final IngestService service;
  private final JsonBodies bodies;

  EventsResource(final IngestService service, final JsonBodies bodies) {
    this.service = service;
    this.bodies = bodies;
  }

  void routes(final Javalin app) {
    app.post("/v1/events", this::ingest);
  }

  private void ingest(final Context ctx) {
    bodies.accepted(ctx, 202, service.ingest(bodies.bytes(ctx), bodies::tree));
  }
}
