package dev.lineagegate.lineagestream.web;

import java.util.List;

/**
 * The frame every page shares: title, the search box with its suggestions (names of recent
 * verdicts, filtered by the browser as one types), and the links to search and alerts.
 */
final class Layout {

  private Layout() {}

  static String page(final String title, final List<String> suggestions, final String body) {
    final StringBuilder html = new StringBuilder(body.length() + 2048);
    html.append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<title>")
        .append(Html.text(title))
        .append(" · lineage-gate</title>")
        .append("<link rel=\"stylesheet\" href=\"/static/web.css\"></head><body>")
        .append("<header><a class=\"brand\" href=\"/\">lineage-gate</a>")
        .append("<form class=\"search\" action=\"/search\" method=\"get\">")
        .append("<input id=\"q\" name=\"q\" list=\"suggestions\" size=\"48\"")
        .append(" placeholder=\"name or sha256:… digest\" aria-label=\"name or digest\">")
        .append("<button type=\"submit\">Search</button></form>")
        .append("<nav><a href=\"/\">Recent</a> <a href=\"/alerts\">Alerts</a></nav></header>")
        .append("<datalist id=\"suggestions\">");
    suggestions.forEach(s -> html.append("<option value=\"").append(Html.text(s)).append("\">"));
    html.append("</datalist><main>").append(body).append("</main></body></html>\n");
    return html.toString();
  }

  /** A page that says what went wrong, in words (the API answers with problem bodies instead). */
  static String error(final int status, final String message, final List<String> suggestions) {
    return page(
        "HTTP " + status,
        suggestions,
        "<h1>"
            + (status == 404 ? "Not found" : status == 400 ? "Not understood" : "Not available")
            + "</h1><p id=\"error\">"
            + Html.text(message)
            + "</p>");
  }
}
