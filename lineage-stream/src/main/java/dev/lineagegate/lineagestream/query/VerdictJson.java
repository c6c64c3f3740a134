package dev.lineagegate.lineagestream.query;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lineagegate.avro.Reason;
import dev.lineagegate.avro.Verdict;
import java.util.Map;
import java.util.TreeMap;

/**
 * A verdict as DESIGN.md §6.3 spells it: the same fields as the Avro record, enums as their names,
 * evaluatedAt as ISO-8601, evidence keys sorted so that the same verdict is the same text.
 */
public final class VerdictJson {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private VerdictJson() {}

  public static ObjectNode of(final Verdict verdict) {
    final ObjectNode json = NODES.objectNode();
    json.put("artifact", verdict.getArtifact());
    json.put("name", verdict.getName());
    json.put("status", verdict.getStatus().name());
    final ArrayNode reasons = json.putArray("reasons");
    for (final Reason reason : verdict.getReasons()) {
      final ObjectNode r = reasons.addObject();
      r.put("code", reason.getCode().name());
      r.put("severity", reason.getSeverity().name());
      r.put("message", reason.getMessage());
      final ObjectNode evidence = r.putObject("evidence");
      final Map<String, String> sorted = new TreeMap<>();
      reason.getEvidence().forEach((k, v) -> sorted.put(k.toString(), v));
      sorted.forEach(evidence::put);
    }
    final ObjectNode reproducibility = json.putObject("reproducibility");
    reproducibility.put("grade", verdict.getReproducibility().getGrade().name());
    final ArrayNode gaps = reproducibility.putArray("gaps");
    verdict.getReproducibility().getGaps().forEach(gaps::add);
    json.put("producingRunId", verdict.getProducingRunId());
    json.put("recipe", verdict.getRecipe());
    final ArrayNode reproducedBy = json.putArray("reproducedBy");
    verdict.getReproducedBy().forEach(reproducedBy::add);
    json.put("policyVersion", verdict.getPolicyVersion());
    json.put("sequence", verdict.getSequence());
    json.put("evaluatedAt", verdict.getEvaluatedAt().toString());
    return json;
  }
}
