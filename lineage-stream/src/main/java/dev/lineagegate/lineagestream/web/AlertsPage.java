package dev.lineagegate.lineagestream.web;

import dev.lineagegate.avro.Alert;
import dev.lineagegate.lineagestream.alerts.AlertQuery;
import dev.lineagegate.lineagestream.alerts.RecentAlerts;
import java.util.List;

/**
 * {@code /alerts?severity=&owner=}: recent alerts, newest first, each linking to its artifact and
 * naming the rollback candidate; the filter is a plain GET form, so a filtered view is a link.
 */
final class AlertsPage {

  private AlertsPage() {}

  static String body(
      final AlertQuery query, final List<RecentAlerts.Entry> alerts, final int bound) {
    final StringBuilder html = new StringBuilder("<h1>Alerts</h1>");
    html.append(
            "<form class=\"controls\" method=\"get\"><label>severity <select name=\"severity\">")
        .append(option("", "any", query.severity() == null))
        .append(
            option(
                "BLOCK",
                "BLOCK",
                query.severity() != null && "BLOCK".equals(query.severity().name())))
        .append(
            option(
                "WARN", "WARN", query.severity() != null && "WARN".equals(query.severity().name())))
        .append("</select></label> <label>owner <input name=\"owner\" value=\"")
        .append(Html.text(query.owner()))
        .append("\"></label> <button type=\"submit\">Filter</button></form>")
        .append("<p class=\"legend\">The newest ")
        .append(bound)
        .append(" alerts read from lineage.alerts.v1, newest first (also as JSON: ")
        .append("<a href=\"/v1/alerts\">/v1/alerts</a>).</p>");
    if (alerts.isEmpty()) {
      return html.append("<p id=\"no-alerts\">No alerts.</p>").toString();
    }
    html.append("<table id=\"alerts\"><thead><tr><th>raised at</th><th>severity</th><th>kind</th>")
        .append("<th>artifact</th><th>owner</th><th>summary</th><th>do</th>")
        .append("<th>roll back to</th></tr></thead><tbody>");
    for (final RecentAlerts.Entry entry : alerts) {
      final Alert alert = entry.alert();
      html.append("<tr class=\"alert\"><td class=\"nowrap\">")
          .append(Html.text(alert.getRaisedAt().toString()))
          .append("</td><td>")
          .append(Html.badge(alert.getSeverity().name()))
          .append("</td><td class=\"nowrap\">")
          .append(Html.text(alert.getKind().name()))
          .append("</td><td>");
      if (alert.getArtifact() != null) {
        html.append(
            Html.link(
                Html.artifactHref(alert.getArtifact()),
                alert.getName() != null
                    ? alert.getName()
                    : GraphView.shortId(alert.getArtifact())));
      } else if (alert.getRunId() != null) {
        html.append("run <code>").append(Html.text(alert.getRunId())).append("</code>");
      }
      html.append("</td><td class=\"nowrap\">")
          .append(Html.text(alert.getOwner()))
          .append("</td><td>")
          .append(Html.text(alert.getSummary()))
          .append("</td><td class=\"nowrap\">")
          .append(Html.text(alert.getSuggestedAction().name()))
          .append("</td><td>");
      if (alert.getRollbackCandidate() != null) {
        html.append(
            Html.link(
                Html.artifactHref(alert.getRollbackCandidate()),
                GraphView.shortId(alert.getRollbackCandidate())));
      } else {
        html.append("none");
      }
      html.append("</td></tr>");
    }
    return html.append("</tbody></table>").toString();
  }

  private static String option(final String value, final String label, final boolean selected) {
    return "<option value=\""
        + value
        + "\""
        + (selected ? " selected" : "")
        + ">"
        + label
        + "</option>";
  }
}
