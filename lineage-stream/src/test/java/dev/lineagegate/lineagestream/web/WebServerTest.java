package dev.lineagegate.lineagestream.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lineagegate.avro.Alert;
import dev.lineagegate.avro.AlertKind;
import dev.lineagegate.avro.Severity;
import dev.lineagegate.avro.SuggestedAction;
import dev.lineagegate.avro.VerdictStatus;
import dev.lineagegate.lineagestream.alerts.RecentAlerts;
import dev.lineagegate.lineagestream.alerts.RecentVerdicts;
import dev.lineagegate.lineagestream.graph.Address;
import dev.lineagegate.lineagestream.http.AlertsResource;
import dev.lineagegate.lineagestream.http.LineageServer;
import dev.lineagegate.lineagestream.query.LocalStores;
import dev.lineagegate.lineagestream.query.MemoryGraph;
import dev.lineagegate.lineagestream.query.QueryService;
import dev.lineagegate.lineagestream.query.RemoteStores;
import dev.lineagegate.lineagestream.query.RoutedStores;
import dev.lineagegate.lineagestream.query.StreamsRef;
import dev.lineagegate.testkit.TestEvents;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The web view's routes over HTTP, on an in-memory graph, with a gate that is down. */
class WebServerTest {

  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String XSS = "<script>alert(1)</script>";

  private LineageServer server;
  private String xssVersion;

  @BeforeEach
  void start() throws Exception {
    // Given raw → clean (an artifact named with markup) and a gate on a port nobody listens on
    final MemoryGraph graph =
        new MemoryGraph().source("raw").run("clean", List.of("raw"), XSS, VerdictStatus.BLOCK);
    xssVersion = Address.derived(XSS, TestEvents.runId(1));
    final RecentAlerts alerts = new RecentAlerts(10);
    alerts.add(
        new RecentAlerts.Entry(
            Alert.newBuilder()
                .setAlertId("a1")
                .setKind(AlertKind.VERDICT_WORSENED)
                .setSeverity(Severity.BLOCK)
                .setArtifact(xssVersion)
                .setName(XSS)
                .setSummary(XSS + " is BLOCK")
                .setSuggestedAction(SuggestedAction.RERUN)
                .setRaisedAt(Instant.parse("2026-12-05T00:00:00Z"))
                .build(),
            "http://web/artifacts/" + xssVersion,
            0,
            0));
    final int closed;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = socket.getLocalPort();
    }
    final QueryService queries = new QueryService(graph);
    final StreamsRef ref = new StreamsRef();
    final LocalStores local = new LocalStores(ref);
    server =
        new LineageServer(
            "127.0.0.1",
            0,
            Duration.ofSeconds(1),
            queries,
            local,
            new RoutedStores(ref, local, new RemoteStores()),
            ref,
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
            new AlertsResource(alerts),
            new WebResource(
                queries,
                alerts,
                new RecentVerdicts(10),
                new GateClient(
                    Optional.of(URI.create("http://127.0.0.1:" + closed)), Duration.ofSeconds(2)),
                List.of("prod"),
                Duration.ofSeconds(1)));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void shouldServeTheArtifactPageAndSaySoWhenTheGateIsDown() throws Exception {
    // When
    final HttpResponse<String> page = get("/artifacts/" + xssVersion);

    // Then the page stands, escaped, with the panel saying the gate is unavailable
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
    assertThat(page.headers().firstValue("Content-Security-Policy"))
        .hasValueSatisfying(csp -> assertThat(csp).contains("script-src 'self'"));
    assertThat(page.body())
        .contains("id=\"gate-unavailable\"")
        .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
        .doesNotContain(XSS)
        .contains("id=\"graph-data\"");
  }

  @Test
  void shouldServeTheGraphLibraryAndScriptFromTheJarWhenAsked() throws Exception {
    // When
    final HttpResponse<String> library =
        get("/webjars/cytoscape/" + WebAssets.cytoscapeVersion() + "/dist/cytoscape.min.js");
    final HttpResponse<String> script = get("/static/graph.js");

    // Then
    assertThat(library.statusCode()).isEqualTo(200);
    assertThat(library.body()).contains("cytoscape");
    assertThat(script.statusCode()).isEqualTo(200);
    assertThat(script.body()).contains("window.lineageGraph");
  }

  @Test
  void shouldAnswerWithAPageOfTheSameStatusWhenTheArtifactIsUnknownOrMalformed() throws Exception {
    // When
    final HttpResponse<String> unknown = get("/artifacts/" + TestEvents.MODEL_V1.value());
    final HttpResponse<String> malformed = get("/artifacts/sha256:nope");

    // Then
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body()).contains("<h1>Not found</h1>");
    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(malformed.body()).contains("not a digest");
  }

  @Test
  void shouldRedirectToThePageWhenADigestOrAKnownNameIsSearched() throws Exception {
    // When
    final HttpResponse<String> digest = get("/search?q=" + xssVersion);
    final HttpResponse<String> name = get("/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E");

    // Then
    assertThat(digest.statusCode()).isEqualTo(302);
    assertThat(digest.headers().firstValue("Location")).hasValue("/artifacts/" + xssVersion);
    assertThat(name.statusCode()).isEqualTo(302);
    assertThat(name.headers().firstValue("Location"))
        .hasValue("/names/%3Cscript%3Ealert%281%29%3C%2Fscript%3E");
  }

  @Test
  void shouldListAlertsAsJsonAndRefuseBadParametersWhenAlertsAreAsked() throws Exception {
    // When
    final HttpResponse<String> list = get("/v1/alerts?severity=BLOCK");
    final HttpResponse<String> bad = get("/v1/alerts?severity=LOUD&limit=0");

    // Then
    assertThat(list.statusCode()).isEqualTo(200);
    final JsonNode json = JSON.readTree(list.body());
    assertThat(json.path("bound").asInt()).isEqualTo(10);
    assertThat(json.path("alerts").path(0).path("url").asText())
        .isEqualTo("http://web/artifacts/" + xssVersion);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(JSON.readTree(bad.body()).path("errors").findValuesAsText("pointer"))
        .containsExactly("/severity", "/limit");
  }

  private HttpResponse<String> get(final String path) throws Exception {
    return CLIENT.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .timeout(Duration.ofSeconds(10))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
