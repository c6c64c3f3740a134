package dev.lineagegate.ingest.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lineagegate.ingest.IngestService;
import dev.lineagegate.ingest.OpenLineageService;
import dev.lineagegate.ingest.OpenLineageWarningMeter;
import dev.lineagegate.ingest.openlineage.OpenLineageRecord;
import dev.lineagegate.ingest.publish.MetadataPublisher;
import dev.lineagegate.ingest.publish.Receipt;
import dev.lineagegate.schema.id.Digest;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code POST /api/v1/lineage}, Marquez's path, so that OpenLineage's HTTP transport works
 * unchanged: 201 once the broker acknowledged, with the warnings of what was accepted as it is
 * (DESIGN §6.2); 400 with every problem that refuses the event otherwise.
 */
public final class OpenLineageResource {

  private final OpenLineageService openLineage;
  private final IngestService events;
  private final MetadataPublisher metadata;
  private final OpenLineageWarningMeter warnings;

  public OpenLineageResource(
      final OpenLineageService openLineage,
      final IngestService events,
      final MetadataPublisher metadata,
      final OpenLineageWarningMeter warnings) {
    this.openLineage = openLineage;
    this.events = events;
    this.metadata = metadata;
    this.warnings = warnings;
  }

  /** The route, reading and answering JSON with the server's {@code bodies}. */
  void routes(final Javalin app, final JsonBodies bodies) {
    app.post("/api/v1/lineage", ctx -> lineage(ctx, bodies));
  }

  private void lineage(final Context ctx, final JsonBodies bodies) {
    final JsonNode event = openLineage.parse(bodies.bytes(ctx));
    final OpenLineageService.Interpreted interpreted = openLineage.interpret(event);
    final OpenLineageRecord record = interpreted.record();
    final Receipt receipt;
    if (record instanceof OpenLineageRecord.Run run) {
      receipt = events.publish(run.event());
    } else {
      final byte[] json = event.toString().getBytes(StandardCharsets.UTF_8);
      // No eventId in OpenLineage: the content digest names the record in the receipt.
      receipt =
          metadata.publish(
              OpenLineageService.metadataKey(record), Digest.sha256(json).value(), json);
    }
    // Counted once written: a request answered 503 and retried is counted once.
    warnings.count(interpreted.warnings());
    bodies.accepted(ctx, 201, List.of(receipt), interpreted.warnings());
  }
}
