package dev.lineagegate.lineagestream.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lineagegate.lineagestream.query.LineageGraph;
import dev.lineagegate.lineagestream.query.LineageGraph.Direction;
import dev.lineagegate.lineagestream.query.LineageGraph.Edge;
import dev.lineagegate.lineagestream.query.LineageGraph.Node;
import dev.lineagegate.lineagestream.query.NameGraph;
import dev.lineagegate.schema.id.Digest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GraphViewTest {

  private static final String MODEL = Digest.sha256("model").value();
  private static final String IMAGE = Digest.sha256("image").value();
  private static final String FEATURES = Digest.sha256("features").value();

  private static LineageGraph demo(final boolean truncated) {
    return new LineageGraph(
        IMAGE,
        Direction.UPSTREAM,
        3,
        truncated,
        List.of(
            artifact(IMAGE, "image:churn-serving", "BLOCK"),
            run("r2", "package"),
            artifact(MODEL, "model:churn", "BLOCK"),
            run("r1", "train"),
            artifact(FEATURES, "<script>alert(1)</script>\u0007", "WARN")),
        List.of(
            new Edge(FEATURES, "run:r1"),
            new Edge("run:r1", MODEL),
            new Edge(MODEL, "run:r2"),
            new Edge("run:r2", IMAGE),
            new Edge("run:gone", IMAGE)));
  }

  @Test
  void shouldColourAndLinkNodesWhenShapingAVersionGraph() {
    // Given
    final LineageGraph graph = demo(false);

    // When
    final ObjectNode view = GraphView.of(graph, Set.of(MODEL));

    // Then artifacts are boxes in the DOT colours with a link, runs are runs without one
    final JsonNode image = node(view, IMAGE);
    assertThat(image.path("kind").asText()).isEqualTo("artifact");
    assertThat(image.path("colour").asText()).isEqualTo("lightcoral");
    assertThat(image.path("href").asText()).isEqualTo("/artifacts/" + IMAGE);
    assertThat(image.path("root").asBoolean()).isTrue();
    assertThat(node(view, FEATURES).path("colour").asText()).isEqualTo("khaki");
    final JsonNode run = node(view, "run:r1");
    assertThat(run.path("kind").asText()).isEqualTo("run");
    assertThat(run.path("href").isNull()).isTrue();
    assertThat(run.path("label").asText()).startsWith("train\nrun r1");
  }

  @Test
  void shouldHighlightThePathWhenTheVerdictNamesABlockingAncestor() {
    // Given
    final LineageGraph graph = demo(false);

    // When
    final ObjectNode view = GraphView.of(graph, Set.of(MODEL));

    // Then
    assertThat(node(view, MODEL).path("onPath").asBoolean()).isTrue();
    assertThat(node(view, "run:r2").path("onPath").asBoolean()).isTrue();
    assertThat(node(view, FEATURES).path("onPath").asBoolean()).isFalse();
    assertThat(edge(view, MODEL + "->run:r2").path("onPath").asBoolean()).isTrue();
    assertThat(edge(view, FEATURES + "->run:r1").path("onPath").asBoolean()).isFalse();
  }

  @Test
  void shouldDropEdgesToMissingNodesAndKeepTruncatedWhenTheWalkWasCut() {
    // Given
    final LineageGraph graph = demo(true);

    // When
    final ObjectNode view = GraphView.of(graph, Set.of());

    // Then
    assertThat(view.path("truncated").asBoolean()).isTrue();
    assertThat(view.path("edges")).hasSize(4);
    view.path("nodes").forEach(n -> assertThat(n.path("position").has("x")).isTrue());
  }

  @Test
  void shouldDrawControlCharactersVisiblyWhenANameHoldsThem() {
    // Given
    final LineageGraph graph = demo(false);

    // When
    final String label = node(GraphView.of(graph, Set.of()), FEATURES).path("label").asText();

    // Then
    assertThat(label).startsWith("<script>alert(1)</script>\\u0007\n").doesNotContain("\u0007");
  }

  @Test
  void shouldLinkDatasetsToTheirNamePageWhenShapingANameGraph() {
    // Given
    final NameGraph graph =
        new NameGraph(
            "dataset:s3://b/raw",
            Direction.BOTH,
            1,
            false,
            List.of(
                NameGraph.Node.dataset("s3://b/raw", "PASS", 2),
                NameGraph.Node.job("prepare", "r1", null)),
            List.of(new Edge("dataset:s3://b/raw", "job:prepare")));

    // When
    final ObjectNode view = GraphView.of(graph);

    // Then
    assertThat(node(view, "dataset:s3://b/raw").path("href").asText())
        .isEqualTo("/names/s3%3A%2F%2Fb%2Fraw");
    assertThat(node(view, "dataset:s3://b/raw").path("colour").asText()).isEqualTo("palegreen");
    assertThat(node(view, "job:prepare").path("kind").asText()).isEqualTo("job");
    assertThat(node(view, "job:prepare").path("colour").asText()).isEqualTo("white");
  }

  @Test
  void shouldDrawAnArcWhenAnEdgeSkipsColumns() {
    // Given the package run reading the model (next column) and the features (three back)
    final LineageGraph base = demo(false);
    final List<Edge> edges = new ArrayList<>(base.edges());
    edges.add(new Edge(FEATURES, "run:r2"));
    final LineageGraph graph =
        new LineageGraph(IMAGE, Direction.UPSTREAM, 3, false, base.nodes(), edges);

    // When
    final ObjectNode view = GraphView.of(graph, Set.of());

    // Then
    assertThat(edge(view, FEATURES + "->run:r2").path("long").asBoolean()).isTrue();
    assertThat(edge(view, MODEL + "->run:r2").path("long").asBoolean()).isFalse();
  }

  private static Node artifact(final String digest, final String name, final String status) {
    return new Node(digest, "artifact", digest, name, status, null, null, false);
  }

  private static Node run(final String runId, final String step) {
    return new Node("run:" + runId, "run", null, null, null, runId, step, false);
  }

  private static JsonNode node(final ObjectNode view, final String id) {
    for (final JsonNode node : view.path("nodes")) {
      if (node.path("data").path("id").asText().equals(id)) {
        return node.path("data");
      }
    }
    throw new AssertionError("no node " + id);
  }

  private static JsonNode edge(final ObjectNode view, final String id) {
    for (final JsonNode edge : view.path("edges")) {
      if (edge.path("data").path("id").asText().equals(id)) {
        return edge.path("data");
      }
    }
    throw new AssertionError("no edge " + id);
  }
}
