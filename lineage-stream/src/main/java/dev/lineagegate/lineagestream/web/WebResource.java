package dev.lineagegate.lineagestream.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lineagegate.lineagestream.alerts.AlertQuery;
import dev.lineagegate.lineagestream.alerts.RecentAlerts;
import dev.lineagegate.lineagestream.alerts.RecentVerdicts;
import dev.lineagegate.lineagestream.query.LineageGraph;
import dev.lineagegate.lineagestream.query.NotFound;
import dev.lineagegate.lineagestream.query.QueryService;
import dev.lineagegate.lineagestream.query.Unavailable;
import dev.lineagegate.schema.id.Digest;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The web view's pages (docs/WEB.md): {@code /}, {@code /search}, {@code /artifacts/<digest>},
 * {@code /names/<name>}, {@code /alerts}, rendered on the server from the same service as the JSON
 * API; assets from this jar ({@code /static}, {@code /webjars}). Failures become HTML pages with
 * the API's status codes, in one place ({@link PageWriter}).
 */
public final class WebResource {

  private static final int SUGGESTIONS = 200;

  private final QueryService service;
  private final RecentAlerts alerts;
  private final RecentVerdicts verdicts;
  private final GateClient gate;
  private final List<String> targets;
  private final PageWriter pages;

  public WebResource(
      final QueryService service,
      final RecentAlerts alerts,
      final RecentVerdicts verdicts,
      final GateClient gate,
      final List<String> targets,
      final Duration retryAfter) {
    this.service = service;
    this.alerts = alerts;
    this.verdicts = verdicts;
    this.gate = gate;
    this.targets = List.copyOf(targets);
    this.pages = new PageWriter(retryAfter, this::suggestions);
  }

  /** The assets: this module's {@code /lineage-web} and the WebJars, both from the classpath. */
  public static void configure(final JavalinConfig javalin) {
    javalin.staticFiles.enableWebjars();
    javalin.staticFiles.add(
        files -> {
          files.hostedPath = "/static";
          files.directory = "/lineage-web";
          files.location = Location.CLASSPATH;
        });
  }

  public void routes(final Javalin app) {
    app.get("/", ctx -> pages.write(ctx, () -> home(null)));
    app.get("/search", this::search);
    app.get("/artifacts/{digest}", ctx -> pages.write(ctx, () -> artifact(ctx)));
    app.get("/names/<name>", ctx -> pages.write(ctx, () -> name(ctx)));
    app.get("/alerts", ctx -> pages.write(ctx, () -> alertsPage(ctx)));
  }

  private String home(final String query) {
    final List<RecentVerdicts.Seen> matches = new ArrayList<>();
    if (query != null) {
      matches.addAll(verdicts.byDigestPrefix(query, 50));
      final Set<String> names = new HashSet<>(verdicts.names(query, 50));
      verdicts.newest(alerts.capacity()).stream()
          .filter(s -> s.name() != null && names.remove(s.name()))
          .forEach(matches::add);
    }
    return Layout.page(
        query == null ? "Recent" : "Search",
        suggestions(),
        HomePage.body(query, matches, verdicts.newest(20)));
  }

  private void search(final Context ctx) {
    final String q = ctx.queryParam("q") == null ? "" : ctx.queryParam("q").strip();
    if (q.isEmpty()) {
      ctx.redirect("/");
    } else if (Digest.isValid(q)) {
      ctx.redirect(Html.artifactHref(q));
    } else if (knownName(q)) {
      ctx.redirect(Html.nameHref(q));
    } else {
      pages.write(ctx, () -> home(q));
    }
  }

  private boolean knownName(final String name) {
    try {
      service.versions(name);
      return true;
    } catch (NotFound | Unavailable e) {
      return false;
    }
  }

  private String artifact(final Context ctx) {
    final String digest = ctx.pathParam("digest");
    final String direction = GraphSection.direction(ctx.queryParam("direction"), "both");
    final String depth = ctx.queryParam("depth");
    // The graph first: it checks every parameter at once, and knows artifacts without a verdict
    // (an output a run still open declared), which a click in a graph may lead to.
    final LineageGraph graph = service.lineage(digest, direction, emptyToNull(depth), null);
    final ObjectNode verdict;
    try {
      verdict = service.verdict(digest);
    } catch (NotFound e) {
      return noVerdict(digest, graph, direction);
    }
    final ObjectNode drawn = GraphView.of(graph, blockers(verdict));
    final String name = verdict.path("name").isTextual() ? verdict.path("name").asText() : null;
    final String body =
        ArtifactPage.body(
            verdict,
            gate.view(digest, targets),
            name == null ? null : versionsOrNull(name),
            GraphSection.render(drawn, direction, graph.depth(), WebAssets.cytoscapeVersion()));
    return Layout.page(name == null ? digest : name, suggestions(), body);
  }

  private String noVerdict(final String digest, final LineageGraph graph, final String direction) {
    final String name =
        graph.nodes().stream()
            .filter(n -> digest.equals(n.id()) && n.name() != null)
            .map(LineageGraph.Node::name)
            .findFirst()
            .orElse(digest);
    final String drawn =
        GraphSection.render(
            GraphView.of(graph, Set.of()), direction, graph.depth(), WebAssets.cytoscapeVersion());
    return Layout.page(name, suggestions(), ArtifactPage.noVerdict(name, digest, drawn));
  }

  /** The ancestors an UPSTREAM_BLOCKED reason names as the root cause. */
  static Set<String> blockers(final JsonNode verdict) {
    final Set<String> found = new HashSet<>();
    for (final JsonNode reason : verdict.path("reasons")) {
      if ("UPSTREAM_BLOCKED".equals(reason.path("code").asText())) {
        for (final String digest : reason.path("evidence").path("ancestors").asText().split(",")) {
          if (Digest.isValid(digest)) {
            found.add(digest);
          }
        }
      }
    }
    return found;
  }

  private String name(final Context ctx) {
    final String name = ctx.pathParam("name");
    final String direction = GraphSection.direction(ctx.queryParam("direction"), "both");
    final JsonNode versions = versionsOrNull(name);
    final var graph =
        service.nameLineage(name, direction, emptyToNull(ctx.queryParam("depth")), null);
    final String body =
        NamePage.body(
            name,
            versions,
            GraphSection.render(
                GraphView.of(graph), direction, graph.depth(), WebAssets.cytoscapeVersion()));
    return Layout.page(name, suggestions(), body);
  }

  private String alertsPage(final Context ctx) {
    final AlertQuery query =
        AlertQuery.parse(
            null,
            ctx.queryParam("severity"),
            ctx.queryParam("owner"),
            null,
            String.valueOf(alerts.capacity()),
            alerts.capacity());
    return Layout.page(
        "Alerts", suggestions(), AlertsPage.body(query, alerts.find(query), alerts.capacity()));
  }

  private JsonNode versionsOrNull(final String name) {
    try {
      return service.versions(name);
    } catch (NotFound e) {
      return null;
    }
  }

  private List<String> suggestions() {
    return verdicts.names("", SUGGESTIONS);
  }

  private static String emptyToNull(final String value) {
    return value == null || value.isEmpty() ? null : value;
  }
}
