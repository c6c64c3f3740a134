package dev.lineagegate.client;

import dev.lineagegate.schema.json.FieldError;
import java.util.List;

/**
 * Ingest's 201 to one OpenLineage event ({@code POST /api/v1/lineage}).
 *
 * @param receipts where the mapped event (or a dataset or job event's record) was written; the
 *     eventId is ingest's own, derived from the event's content, since OpenLineage has none
 * @param warnings what ingest accepted but flagged (DESIGN.md §6.2, "flag instead of losing"):
 *     empty when the answer lists none, or comes from an ingest that does not send them
 */
public record OpenLineageAnswer(List<Receipt> receipts, List<FieldError> warnings) {

  public OpenLineageAnswer {
    receipts = List.copyOf(receipts);
    warnings = List.copyOf(warnings);
  }
}
