package dev.lineagegate.ingest.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lineagegate.ingest.IngestService;
import dev.lineagegate.ingest.OpenLineageService;
import dev.lineagegate.ingest.openlineage.OpenLineageRecord;
import dev.lineagegate.ingest.publish.MetadataPublisher;
import dev.lineagegate.ingest.publish.Receipt;
import dev.lineagegate.schema.id.Digest;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code POST /api/v1/lineage}, Marquez's path, so that OpenLineage's HTTP transport works
 * unchanged: 201 once the broker acknowledged, 400 with every schema violation otherwise.
 */
public final class OpenLineageResource {

  private final OpenLineageService openLineage;
  private final IngestService events;
  private final MetadataPublisher metadata;

  public OpenLineageResource(
      final OpenLineageService openLineage,
      final IngestService events,
      final MetadataPublisher metadata) {
    this.openLineage = openLineage;
    this.events = events;
    this.metadata = metadata;
  }

  void handle(final Context ctx, final JsonBodies bodies) {
    final JsonNode event = openLineage.parse(bodies.bytes(ctx));
    final OpenLineageRecord record = openLineage.interpret(event);
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
    bodies.accepted(ctx, 201, List.of(receipt));
  }
}
