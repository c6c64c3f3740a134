package dev.lineagegate.attest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lineagegate.avro.GateDecision;
import dev.lineagegate.avro.Reason;
import dev.lineagegate.avro.Waiver;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.TreeMap;

/**
 * A gate decision as JSON (DESIGN.md §6.4), the one mapping from the Avro record: what the gate
 * answers, what its signed statement's predicate holds, and what {@code lineage-gate verify}
 * compares. Fields in a fixed order, evidence keys sorted, times ISO-8601: one decision, one text.
 */
public final class DecisionJson {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private DecisionJson() {}

  /** Everything but the envelope, which signs exactly this. */
  public static ObjectNode of(final GateDecision decision) {
    final ObjectNode json = NODES.objectNode();
    json.put("decisionId", decision.getDecisionId());
    json.put("decision", decision.getDecision().name());
    json.put("artifact", decision.getArtifact());
    json.put("name", decision.getName());
    json.put("target", decision.getTarget());
    final ArrayNode reasons = json.putArray("reasons");
    for (final Reason reason : decision.getReasons()) {
      final ObjectNode r = reasons.addObject();
      r.put("code", reason.getCode().name());
      r.put("severity", reason.getSeverity().name());
      r.put("message", reason.getMessage());
      final Map<String, String> sorted = new TreeMap<>();
      reason.getEvidence().forEach((k, v) -> sorted.put(k.toString(), v));
      final ObjectNode evidence = r.putObject("evidence");
      sorted.forEach(evidence::put);
    }
    final ArrayNode waived = json.putArray("waivedReasons");
    decision.getWaivedReasons().forEach(code -> waived.add(code.name()));
    json.put("verdictSequence", decision.getVerdictSequence());
    json.put("policyVersion", decision.getPolicyVersion());
    json.put("decidedAt", millis(decision.getDecidedAt()));
    optional(json, "requestId", decision.getRequestId());
    optional(json, "requestedBy", decision.getRequestedBy());
    optional(json, "rollbackCandidate", decision.getRollbackCandidate());
    final Waiver waiver = decision.getWaiver();
    if (waiver != null) {
      final ObjectNode w = json.putObject("waiver");
      w.put("reason", waiver.getReason().name());
      w.put("expiresAt", millis(waiver.getExpiresAt()));
      w.put("justification", waiver.getJustification());
      w.put("grantedBy", waiver.getGrantedBy());
    }
    return json;
  }

  /** The decision and its envelope: the body of the gate's answers. */
  public static ObjectNode withEnvelope(final GateDecision decision) {
    final ObjectNode json = of(decision);
    if (decision.getEnvelope() != null) {
      json.set("envelope", DecisionAttestation.envelope(decision.getEnvelope()).toJson());
    }
    return json;
  }

  /**
   * Avro keeps timestamp-millis: a decision built with {@code Instant.now()} (microseconds here)
   * reads back from the topic a little earlier. Signing the truncated time keeps the decision the
   * gate answers from its store equal to the one it signed.
   */
  private static String millis(final Instant time) {
    return time.truncatedTo(ChronoUnit.MILLIS).toString();
  }

  private static void optional(final ObjectNode json, final String field, final String value) {
    if (value != null) {
      json.put(field, value);
    }
  }
}
