package dev.lineagegate.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lineagegate.ingest.openlineage.OpenLineageMapper;
import dev.lineagegate.ingest.openlineage.OpenLineageRecord;
import dev.lineagegate.ingest.openlineage.OpenLineageValidator;
import dev.lineagegate.schema.json.FieldError;
import dev.lineagegate.schema.json.InvalidEventException;
import dev.lineagegate.schema.json.JsonDocuments;
import java.util.List;

/**
 * OpenLineage in (DESIGN.md §6.2): validate against the OpenLineage JSON Schema and its facet
 * schemas, then map. Shared by {@code POST /api/v1/lineage} and the Kafka bridge, so that both
 * accept and refuse exactly the same events.
 */
public final class OpenLineageService {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final OpenLineageValidator validator;
  private final OpenLineageMapper mapper;

  public OpenLineageService(final OpenLineageValidator validator, final OpenLineageMapper mapper) {
    this.validator = validator;
    this.mapper = mapper;
  }

  /** Validation as configured: {@code strictInputFacets} also checks every input facet. */
  public OpenLineageService(final boolean strictInputFacets) {
    this(new OpenLineageValidator(strictInputFacets), new OpenLineageMapper());
  }

  public OpenLineageService() {
    this(false);
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
   * What {@code event} means to lineage-gate.
   *
   * @throws InvalidEventException listing every schema violation with its JSON pointer
   */
  public OpenLineageRecord interpret(final JsonNode event) {
    final List<FieldError> errors = validator.validate(event);
    if (!errors.isEmpty()) {
      throw new InvalidEventException(errors);
    }
    return mapper.map(event);
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
