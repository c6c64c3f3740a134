package dev.lineagegate.client.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How {@code check} and {@code promote} show a decision and turn it into an exit code: 0 ALLOW, 1
 * BLOCK, 2 anything else, so that a CI step can gate on the code alone.
 */
final class DecisionOutput {

  static final int ALLOW = 0;
  static final int BLOCK = 1;
  static final int ERROR = 2;

  private DecisionOutput() {}

  /**
   * Prints {@code answer} to {@code out} (as it came with {@code json}, else a few lines) and
   * returns the exit code of its decision. A decision that is neither ALLOW nor BLOCK is an answer
   * this client does not understand: it says so on {@code err} rather than guess.
   */
  static int print(
      final GateHttp.Answer answer,
      final boolean json,
      final PrintWriter out,
      final PrintWriter err,
      final String command) {
    final String decision = answer.json().path("decision").asText();
    if (!"ALLOW".equals(decision) && !"BLOCK".equals(decision)) {
      err.println(command + ": the gate answered no ALLOW or BLOCK decision: " + answer.body());
      return ERROR;
    }
    if (json) {
      out.println(answer.body().strip());
    } else {
      lines(answer.json()).forEach(out::println);
      out.println(
          WebLink.artifact(LineageCommand.defaultUrl(), answer.json().path("artifact").asText()));
    }
    return "ALLOW".equals(decision) ? ALLOW : BLOCK;
  }

  /**
   * {@code ALLOW sha256:… (model:churn) for prod}, then one line per reason with its evidence, then
   * where the decision comes from (decision id, verdict, policy, time, request).
   */
  static List<String> lines(final JsonNode decision) {
    final List<String> lines = new ArrayList<>();
    final String name = text(decision, "name");
    lines.add(
        text(decision, "decision")
            + " "
            + text(decision, "artifact")
            + (name == null ? "" : " (" + name + ")")
            + " for "
            + text(decision, "target"));
    for (final JsonNode reason : decision.path("reasons")) {
      final List<String> evidence = new ArrayList<>();
      for (final Map.Entry<String, JsonNode> e : reason.path("evidence").properties()) {
        evidence.add(e.getKey() + "=" + e.getValue().asText());
      }
      lines.add(
          "  "
              + text(reason, "severity")
              + " "
              + text(reason, "code")
              + ": "
              + text(reason, "message")
              + (evidence.isEmpty() ? "" : " [" + String.join(", ", evidence) + "]"));
    }
    final StringBuilder source = new StringBuilder("decision " + text(decision, "decisionId"));
    source.append(", verdict ").append(text(decision, "verdictSequence"));
    source.append(", policy ").append(text(decision, "policyVersion"));
    source.append(", at ").append(text(decision, "decidedAt"));
    final String requestId = text(decision, "requestId");
    if (requestId != null) {
      source.append(", request ").append(requestId);
      source.append(" by ").append(text(decision, "requestedBy"));
    }
    lines.add(source.toString());
    return lines;
  }

  /** The field as text, null when absent or JSON null (shown as "null" where it must show). */
  private static String text(final JsonNode json, final String field) {
    final JsonNode value = json.path(field);
    return value.isMissingNode() || value.isNull() ? null : value.asText();
  }
}
