package dev.lineagegate.lineagestream.web;

import dev.lineagegate.lineagestream.alerts.RecentVerdicts;
import java.util.List;

/**
 * {@code /} and {@code /search?q=} when the text is neither a digest nor a known name: the search
 * (the header's box), what matched among recent verdicts, and the newest verdicts.
 */
final class HomePage {

  private HomePage() {}

  static String body(
      final String query,
      final List<RecentVerdicts.Seen> matches,
      final List<RecentVerdicts.Seen> recent) {
    final StringBuilder html = new StringBuilder();
    if (query != null) {
      html.append("<h1>Search: ").append(Html.text(query)).append("</h1>");
      if (matches.isEmpty()) {
        html.append("<p id=\"no-match\">Nothing among the recent verdicts matches. A full digest")
            .append(" (sha256:…) or an exact name always opens its page.</p>");
      } else {
        html.append(table("matches", matches));
      }
    } else {
      html.append("<h1>Lineage, verdicts and decisions</h1>")
          .append(
              "<p>Search a name or a digest above, or open the <a href=\"/alerts\">alerts</a>.</p>");
    }
    html.append("<h2>Recent verdicts</h2>");
    if (recent.isEmpty()) {
      html.append("<p>None yet.</p>");
    } else {
      html.append(table("recent", recent));
    }
    return html.toString();
  }

  private static String table(final String id, final List<RecentVerdicts.Seen> rows) {
    final StringBuilder html =
        new StringBuilder("<table id=\"")
            .append(id)
            .append("\"><thead><tr><th>evaluated at</th><th>status</th><th>name</th>")
            .append("<th>version</th></tr></thead><tbody>");
    for (final RecentVerdicts.Seen seen : rows) {
      html.append("<tr><td>")
          .append(Html.text(seen.evaluatedAt()))
          .append("</td><td>")
          .append(Html.badge(seen.status()))
          .append("</td><td>")
          .append(seen.name() == null ? "" : Html.link(Html.nameHref(seen.name()), seen.name()))
          .append("</td><td>")
          .append(Html.link(Html.artifactHref(seen.artifact()), GraphView.shortId(seen.artifact())))
          .append("</td></tr>");
    }
    return html.append("</tbody></table>").toString();
  }
}
