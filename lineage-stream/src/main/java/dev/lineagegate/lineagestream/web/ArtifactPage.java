package dev.lineagegate.lineagestream.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lineagegate.schema.id.Digest;
import java.util.Iterator;
import java.util.Map;

/**
 * {@code /artifacts/<digest>}: the verdict (status, every reason with severity, message and
 * evidence, grade and gaps, producing run, recipe, reproducedBy), the gate's decision per target
 * and the recorded decisions, the name's versions, and the lineage graph. Every value from the data
 * is escaped ({@link Html#text}); digests in evidence become links.
 */
final class ArtifactPage {

  private ArtifactPage() {}

  static String body(
      final JsonNode verdict, final GateView gate, final JsonNode versions, final String graph) {
    final String digest = verdict.path("artifact").asText();
    final String name = verdict.path("name").isTextual() ? verdict.path("name").asText() : null;
    final StringBuilder html = new StringBuilder();
    html.append("<h1><span id=\"artifact-name\">")
        .append(Html.text(name == null ? digest : name))
        .append("</span> <span id=\"status\">")
        .append(Html.badge(verdict.path("status").asText()))
        .append("</span></h1><dl class=\"facts\">");
    fact(html, "digest", "<code>" + Html.text(digest) + "</code>");
    if (name != null) {
      fact(html, "name", Html.link(Html.nameHref(name), name));
    }
    fact(html, "producing run", code(verdict.path("producingRunId")));
    fact(html, "recipe", code(verdict.path("recipe")));
    final StringBuilder reproduced = new StringBuilder();
    verdict.path("reproducedBy").forEach(r -> reproduced.append(code(r)).append(' '));
    fact(html, "reproduced by", reproduced.length() == 0 ? "none" : reproduced.toString());
    fact(html, "policy version", code(verdict.path("policyVersion")));
    fact(
        html,
        "verdict",
        "sequence "
            + verdict.path("sequence").asLong()
            + ", evaluated at "
            + Html.text(verdict.path("evaluatedAt").asText()));
    html.append("</dl>");
    // What decides first (the gate, the reasons), then the picture of why, then the details.
    html.append(DecisionPanel.render(gate));
    reasons(html, verdict.path("reasons"));
    html.append(graph);
    final JsonNode grade = verdict.path("reproducibility");
    html.append("<section id=\"reproducibility\"><h2>Reproducibility: <span id=\"grade\">")
        .append(Html.text(grade.path("grade").asText()))
        .append("</span></h2>");
    if (grade.path("gaps").isEmpty()) {
      html.append("<p>No gaps.</p>");
    } else {
      html.append("<ul>");
      grade
          .path("gaps")
          .forEach(g -> html.append("<li>").append(Html.text(g.asText())).append("</li>"));
      html.append("</ul>");
    }
    html.append("</section>");
    if (versions != null) {
      html.append("<section id=\"versions\"><h2>Versions of ")
          .append(Html.text(name))
          .append("</h2>")
          .append(NamePage.versionsTable(versions, digest))
          .append("</section>");
    }
    return html.toString();
  }

  /** An artifact the graph knows without a verdict (yet): its name, digest and graph. */
  static String noVerdict(final String name, final String digest, final String graph) {
    return "<h1><span id=\"artifact-name\">"
        + Html.text(name)
        + "</span> <span id=\"status\">"
        + Html.badge(null)
        + "</span></h1><p id=\"no-verdict\">No verdict yet for <code>"
        + Html.text(digest)
        + "</code>: the run that declares it has not ended, or its verdict is on its way.</p>"
        + graph;
  }

  private static void reasons(final StringBuilder html, final JsonNode reasons) {
    html.append("<section><h2>Reasons</h2>");
    if (reasons.isEmpty()) {
      html.append("<p id=\"reasons\">None: nothing stands in the way.</p></section>");
      return;
    }
    html.append("<table id=\"reasons\"><thead><tr><th>severity</th><th>code</th><th>message</th>")
        .append("<th>evidence</th></tr></thead><tbody>");
    for (final JsonNode reason : reasons) {
      html.append("<tr><td>")
          .append(Html.badge(reason.path("severity").asText()))
          .append("</td><td class=\"code\">")
          .append(Html.text(reason.path("code").asText()))
          .append("</td><td>")
          .append(Html.text(reason.path("message").asText()))
          .append("</td><td>")
          .append(evidence(reason.path("evidence")))
          .append("</td></tr>");
    }
    html.append("</tbody></table></section>");
  }

  /** Evidence as key: value lines; a value that is a digest (or a list of them) links to it. */
  static String evidence(final JsonNode evidence) {
    final StringBuilder html = new StringBuilder("<dl class=\"evidence\">");
    final Iterator<Map.Entry<String, JsonNode>> fields = evidence.fields();
    while (fields.hasNext()) {
      final Map.Entry<String, JsonNode> field = fields.next();
      html.append("<dt>").append(Html.text(field.getKey())).append("</dt><dd>");
      final String[] parts = field.getValue().asText().split(",", -1);
      for (int i = 0; i < parts.length; i++) {
        if (i > 0) {
          html.append(", ");
        }
        // A digest links to its page, shown short (the whole one in its tooltip).
        html.append(
            Digest.isValid(parts[i])
                ? "<a href=\""
                    + Html.artifactHref(parts[i])
                    + "\" title=\""
                    + parts[i]
                    + "\">"
                    + GraphView.shortId(parts[i])
                    + "</a>"
                : Html.text(parts[i]));
      }
      html.append("</dd>");
    }
    return html.append("</dl>").toString();
  }

  private static void fact(final StringBuilder html, final String term, final String value) {
    html.append("<dt>").append(term).append("</dt><dd>").append(value).append("</dd>");
  }

  private static String code(final JsonNode value) {
    return value.isNull() || value.isMissingNode()
        ? "unknown"
        : "<code>" + Html.text(value.asText()) + "</code>";
  }
}
