package dev.lineagegate.lineagestream.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lineagegate.lineagestream.query.QueryService;
import java.util.Locale;

/**
 * The lineage drawing of a page: direction and depth controls (a plain GET form, so the page's URL
 * is a deep link to exactly this view), the "truncated" notice, the graph's data for {@code
 * graph.js}, and the same nodes as a list of links for readers without a canvas.
 */
final class GraphSection {

  private GraphSection() {}

  static String render(
      final ObjectNode graph, final String direction, final int depth, final String cytoscape) {
    final StringBuilder html = new StringBuilder();
    html.append("<section id=\"lineage\"><h2>Lineage</h2>")
        .append(
            "<form class=\"controls\" method=\"get\"><label>direction <select name=\"direction\">");
    for (final String option : new String[] {"upstream", "downstream", "both"}) {
      html.append("<option")
          .append(option.equals(direction) ? " selected" : "")
          .append(">")
          .append(option)
          .append("</option>");
    }
    html.append(
            "</select></label> <label>depth <input type=\"number\" name=\"depth\" min=\"1\" max=\"")
        .append(QueryService.MAX_DEPTH)
        .append("\" value=\"")
        .append(depth)
        .append("\"></label> <button type=\"submit\">Show</button></form>");
    final int nodes = graph.path("nodes").size();
    if (graph.path("truncated").asBoolean()) {
      html.append("<p class=\"truncated\" id=\"truncated\">Truncated: the walk stopped at ")
          .append(QueryService.MAX_NODES)
          .append(" nodes. Lower the depth or pick one direction to see the rest.</p>");
    }
    html.append("<p class=\"legend\">")
        .append(nodes)
        .append(nodes == 1 ? " node" : " nodes")
        .append(". Boxes are artifact versions (datasets), ellipses runs (jobs), coloured by")
        .append(" status: <span class=\"swatch\" style=\"background:palegreen\">PASS</span>")
        .append(" <span class=\"swatch\" style=\"background:khaki\">WARN</span>")
        .append(" <span class=\"swatch\" style=\"background:lightcoral\">BLOCK</span>;")
        .append(
            " the thick red line is the path to a blocking ancestor. Click a box to move to it;")
        .append(" scroll to zoom, drag to pan.</p>")
        .append("<div id=\"graph\" class=\"graph\"></div>")
        .append("<script type=\"application/json\" id=\"graph-data\">")
        .append(Html.json(graph.toString()))
        .append("</script><script src=\"/webjars/cytoscape/")
        .append(Html.text(cytoscape))
        .append("/dist/cytoscape.min.js\"></script><script src=\"/static/graph.js\"></script>")
        .append("<details id=\"graph-list\"><summary>The same graph as a list</summary><ul>");
    for (final JsonNode node : graph.path("nodes")) {
      final JsonNode data = node.path("data");
      final String label = data.path("label").asText().replace('\n', ' ');
      html.append("<li class=\"").append(Html.text(data.path("kind").asText())).append("\">");
      if (data.hasNonNull("href")) {
        html.append(Html.link(data.path("href").asText(), label));
      } else {
        html.append(Html.text(label));
      }
      html.append("</li>");
    }
    return html.append("</ul></details></section>").toString();
  }

  static String direction(final String given, final String fallback) {
    return given == null || given.isEmpty() ? fallback : given.toLowerCase(Locale.ROOT);
  }
}
