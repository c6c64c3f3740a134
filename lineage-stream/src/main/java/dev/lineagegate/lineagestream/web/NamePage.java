package dev.lineagegate.lineagestream.web;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code /names/<name>}: the versions of a name over time (newest first, with status and producing
 * run) and the name-level graph of datasets and jobs (DESIGN.md §6.3).
 */
final class NamePage {

  private NamePage() {}

  static String body(final String name, final JsonNode versions, final String graph) {
    final StringBuilder html = new StringBuilder();
    html.append("<h1><span id=\"dataset-name\">").append(Html.text(name)).append("</span></h1>");
    html.append("<section id=\"versions\"><h2>Versions</h2>");
    if (versions == null) {
      html.append("<p>No version produced yet: the name is only read.</p>");
    } else {
      html.append(versionsTable(versions, null));
    }
    return html.append("</section>").append(graph).toString();
  }

  /** Newest first; {@code current} (nullable) is marked as the version on screen. */
  static String versionsTable(final JsonNode versions, final String current) {
    final StringBuilder html =
        new StringBuilder(
            "<table class=\"versions\"><thead><tr><th>produced at</th><th>status</th>"
                + "<th>version</th><th>producing run</th></tr></thead><tbody>");
    for (final JsonNode version : versions.path("versions")) {
      final String digest = version.path("digest").asText();
      html.append(digest.equals(current) ? "<tr class=\"current\">" : "<tr>")
          .append("<td>")
          .append(Html.text(version.path("producedAt").asText("")))
          .append("</td><td>")
          .append(
              Html.badge(version.path("status").isNull() ? null : version.path("status").asText()))
          .append("</td><td>")
          .append(Html.link(Html.artifactHref(digest), GraphView.shortId(digest)))
          .append(digest.equals(current) ? " (this one)" : "")
          .append("</td><td><code>")
          .append(Html.text(version.path("producingRunId").asText("")))
          .append("</code></td></tr>");
    }
    return html.append("</tbody></table>").toString();
  }
}
