package dev.lineagegate.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lineagegate.ingest.openlineage.Checked;
import dev.lineagegate.ingest.openlineage.OpenLineageMapper;
import dev.lineagegate.ingest.openlineage.OpenLineageRecord;
import dev.lineagegate.ingest.openlineage.OpenLineageValidator;
import dev.lineagegate.ingest.openlineage.Warning;
import dev.lineagegate.schema.json.InvalidEventException;
import dev.lineagegate.schema.json.JsonDocuments;
import java.util.List;

/**
 * OpenLineage in (DESIGN.md §6.2): validate against the OpenLineage JSON Schema and its facet
 * schemas, sort the problems into refusals and warnings, then map. Shared by {@code POST
 * /api/v1/lineage} and the Kafka bridge, so that both accept, flag and refuse exactly the same
 * events.
 */
public final class OpenLineageService {

  /** An accepted event: what it maps to, and what was flagged on it (sorted by pointer). */
  public record Interpreted(OpenLineageRecord record, List<Warning> warnings) {

    public Interpreted {
      warnings = List.copyOf(warnings);
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final OpenLineageValidator validator;
  private final OpenLineageMapper mapper;

  public OpenLineageService(final OpenLineageValidator validator, final OpenLineageMapper mapper) {
    this.validator = validator;
    this.mapper = mapper;
  }

  /**
   * Validation as configured: {@code strict} refuses every schema problem ({@code
   * ingest.openlineage.strict}), {@code strictInputFacets} counts the input facets lineage-gate
   * does not read too ({@code ingest.openlineage.strict-input-facets}).
   */
  public OpenLineageService(final boolean strict, final boolean strictInputFacets) {
    this(new OpenLineageValidator(strict, strictInputFacets), new OpenLineageMapper());
  }

  /** The defaults: lenient, as Marquez. */
  public OpenLineageService() {
    this(false, false);
  }

  /**
   * The JSON of one OpenLineage event as sent (an HTTP body, a Kafka record): refused unless UTF-8
   * (never repaired) and JSON. A key repeated in one object keeps its last value, as in Marquez:
   * OpenLineage's Spark integration has been seen to repeat a run facet (OpenLineage issue 4943).
   *
   * @throws InvalidEventException naming the string that holds bad bytes, or why it is not JSON
   */
  public JsonNode parse(final byte[] json) {
    JsonDocuments.requireUtf8(json);
    return JsonDocuments.readTree(JSON, json, JsonDocuments.Keys.LAST_WINS);
  }

  /**
   * What {@code event} means to lineage-gate, and what it is accepted with.
   *
   * @throws InvalidEventException listing every problem that refuses it, with its JSON pointer
   */
  public Interpreted interpret(final JsonNode event) {
    final Checked checked = validator.check(event);
    if (checked.refused()) {
      throw new InvalidEventException(checked.refusals());
    }
    return new Interpreted(mapper.map(event, checked.ignoredFacets()), checked.warnings());
  }

  /** The key of a DatasetEvent or JobEvent on {@code lineage.openlineage.metadata.v1}. */
  public static String metadataKey(final OpenLineageRecord record) {
    if (record instanceof OpenLineageRecord.Dataset dataset) {
      return "dataset:" + dataset.name();
    }
    if (record instanceof OpenLineageRecord.Job job) {
      return "job:" + job.name();
    }
    throw new IllegalArgumentException("a run is not metadata");
  }
}
