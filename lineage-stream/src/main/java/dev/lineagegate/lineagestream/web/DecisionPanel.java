package dev.lineagegate.lineagestream.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * The gate's part of the artifact page: its decision for each target of the policy and the
 * decisions recorded on {@code gate.decisions.v1} (ALLOW, BLOCK, REVOKED, WAIVED, with who and
 * when). A gate that did not answer leaves a sentence saying so, and the rest of the page stands.
 */
final class DecisionPanel {

  private DecisionPanel() {}

  static String render(final GateView gate) {
    final StringBuilder html = new StringBuilder("<section id=\"gate\"><h2>Gate</h2>");
    if (!gate.available()) {
      return html.append("<p class=\"unavailable\" id=\"gate-unavailable\">Decisions unavailable: ")
          .append(Html.text(gate.unavailable()))
          .append(". The verdict above is current; ask the gate again later.</p></section>")
          .toString();
    }
    html.append("<table id=\"decisions\"><thead><tr><th>target</th><th>decision</th>")
        .append("<th>why</th></tr></thead><tbody>");
    for (final Map.Entry<String, JsonNode> entry : gate.decisions().entrySet()) {
      final JsonNode decision = entry.getValue();
      html.append("<tr id=\"decision-")
          .append(Html.text(entry.getKey()))
          .append("\"><td>")
          .append(Html.text(entry.getKey()))
          .append("</td><td>")
          .append(decisionBadge(decision.path("decision").asText()))
          .append("</td><td>");
      final StringBuilder codes = new StringBuilder();
      decision.path("reasons").forEach(r -> codes.append(' ').append(r.path("code").asText()));
      // The gate lists the reasons that still count; for an ALLOW they did not block this target.
      final String why =
          codes.length() == 0
              ? "nothing stands in the way"
              : "ALLOW".equals(decision.path("decision").asText())
                  ? "not blocking for this target:" + codes
                  : "blocked by" + codes;
      html.append(Html.text(why)).append("</td></tr>");
    }
    html.append("</tbody></table><h3>Recorded decisions</h3>");
    if (gate.recorded().isEmpty()) {
      return html.append(
              "<p id=\"recorded\">None recorded: no promotion was asked for.</p></section>")
          .toString();
    }
    html.append("<table id=\"recorded\"><thead><tr><th>decision</th><th>target</th><th>by</th>")
        .append("<th>when</th><th>note</th></tr></thead><tbody>");
    for (final JsonNode decision : gate.recorded()) {
      final JsonNode waiver = decision.path("waiver");
      final String by =
          decision.hasNonNull("requestedBy")
              ? decision.path("requestedBy").asText()
              : waiver.hasNonNull("grantedBy") ? waiver.path("grantedBy").asText() : "the gate";
      final StringBuilder note = new StringBuilder();
      if (decision.hasNonNull("rollbackCandidate")) {
        final String candidate = decision.path("rollbackCandidate").asText();
        note.append("roll back to ").append(Html.link(Html.artifactHref(candidate), candidate));
      }
      if (waiver.hasNonNull("justification")) {
        note.append("waives ")
            .append(Html.text(waiver.path("reason").asText()))
            .append(" until ")
            .append(Html.text(waiver.path("expiresAt").asText()))
            .append(": ")
            .append(Html.text(waiver.path("justification").asText()));
      }
      html.append("<tr><td>")
          .append(decisionBadge(decision.path("decision").asText()))
          .append("</td><td>")
          .append(Html.text(decision.path("target").asText()))
          .append("</td><td>")
          .append(Html.text(by))
          .append("</td><td>")
          .append(Html.text(decision.path("decidedAt").asText()))
          .append("</td><td>")
          .append(note)
          .append("</td></tr>");
    }
    return html.append("</tbody></table></section>").toString();
  }

  private static String decisionBadge(final String decision) {
    final String colour =
        "ALLOW".equals(decision) ? "palegreen" : "WAIVED".equals(decision) ? "khaki" : "lightcoral";
    return "<span class=\"badge decision\" style=\"background:"
        + colour
        + "\">"
        + Html.text(decision)
        + "</span>";
  }
}
