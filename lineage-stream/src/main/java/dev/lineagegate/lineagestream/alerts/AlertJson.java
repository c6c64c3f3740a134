package dev.lineagegate.lineagestream.alerts;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lineagegate.avro.Alert;
import dev.lineagegate.avro.Reason;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An alert as {@code GET /v1/alerts} answers it: the fields of the Avro record, enums as names,
 * raisedAt ISO-8601, evidence keys sorted, plus {@code url}, the web view's page for it.
 */
public final class AlertJson {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private AlertJson() {}

  public static ObjectNode list(final List<RecentAlerts.Entry> entries, final int capacity) {
    final ObjectNode json = NODES.objectNode();
    // The bound, so that a reader knows "recent" means "of the newest this many".
    json.put("bound", capacity);
    final ArrayNode alerts = json.putArray("alerts");
    entries.forEach(e -> alerts.add(of(e.alert(), e.url())));
    return json;
  }

  public static ObjectNode of(final Alert alert, final String url) {
    final ObjectNode json = NODES.objectNode();
    json.put("alertId", alert.getAlertId());
    json.put("kind", alert.getKind().name());
    json.put("severity", alert.getSeverity().name());
    json.put("artifact", alert.getArtifact());
    json.put("name", alert.getName());
    json.put("owner", alert.getOwner());
    json.put("runId", alert.getRunId());
    json.put("summary", alert.getSummary());
    final ArrayNode reasons = json.putArray("reasons");
    for (final Reason reason : alert.getReasons()) {
      final ObjectNode r = reasons.addObject();
      r.put("code", reason.getCode().name());
      r.put("severity", reason.getSeverity().name());
      r.put("message", reason.getMessage());
      final Map<String, String> sorted = new TreeMap<>();
      reason.getEvidence().forEach((k, v) -> sorted.put(k.toString(), v));
      final ObjectNode evidence = r.putObject("evidence");
      sorted.forEach(evidence::put);
    }
    json.put("suggestedAction", alert.getSuggestedAction().name());
    json.put("rollbackCandidate", alert.getRollbackCandidate());
    if (alert.getVerdictSequence() == null) {
      json.putNull("verdictSequence");
    } else {
      json.put("verdictSequence", alert.getVerdictSequence());
    }
    json.put("raisedAt", alert.getRaisedAt().toString());
    json.put("url", url);
    return json;
  }
}
