package dev.lineagegate.lineagestream.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lineagegate.avro.VerdictStatus;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The name-level query over an in-memory {@link NodeSource}: statuses, bounds, DOT, refusals. */
class NameLineageQueryTest {

  private final MemoryGraph graph = new MemoryGraph();
  private final QueryService service = new QueryService(graph);

  @Test
  void shouldGiveTheJobTheWorstStatusOfItsNewestRunWhenItRanTwice() {
    // Given a job whose older run was BLOCK and newer one WARN
    graph.source("raw");
    graph.run("clean", List.of("raw"), "clean", VerdictStatus.BLOCK);
    graph.run("clean", List.of("raw"), "clean", VerdictStatus.WARN);
    // When
    final NameGraph up = service.nameLineage("clean", "upstream", "1", null);
    // Then the dataset has the newest version's status and counts both; the job its newest run's
    assertThat(up.nodes())
        .containsExactly(
            NameGraph.Node.dataset("clean", "WARN", 2),
            NameGraph.Node.job("clean", runOf(up), "WARN"),
            NameGraph.Node.dataset("raw", null, 0));
    assertThat(runOf(up)).endsWith("0002");
  }

  @Test
  void shouldLookAtTheNewestVersionsOnlyWhenANameHasMoreThanTwenty() {
    // Given 25 versions of daily, each written by another job
    IntStream.range(0, 25).forEach(i -> graph.run("job-" + i, List.of(), "daily"));
    // When
    final NameGraph up = service.nameLineage("daily", "upstream", "1", null);
    // Then the jobs of the newest 20 versions, and the count of all of them
    assertThat(up.nodes()).first().isEqualTo(NameGraph.Node.dataset("daily", "PASS", 25));
    assertThat(up.nodes().stream().filter(NameGraph.Node::job).map(NameGraph.Node::step))
        .hasSize(NameWalk.VERSIONS_PER_NAME)
        .contains("job-24", "job-5")
        .doesNotContain("job-4");
    assertThat(up.truncated()).isFalse();
  }

  @Test
  void shouldReadAtMostAHundredEdgesPerVersionWhenANameHasManyReaders() {
    // Given 150 jobs reading raw (its source node)
    graph.source("raw");
    IntStream.range(0, 150).forEach(i -> graph.run("reader-" + i, List.of("raw"), "out-" + i));
    // When
    final NameGraph down = service.nameLineage("raw", "downstream", "1", null);
    // Then
    assertThat(down.nodes().stream().filter(NameGraph.Node::job))
        .hasSize(NameWalk.EDGES_PER_VERSION);
    assertThat(down.nodes()).hasSize(1 + 2 * NameWalk.EDGES_PER_VERSION);
  }

  @Test
  void shouldStopAtFiveHundredNodesWhenTheGraphIsLarger() {
    // Given six versions of raw, each read by a hundred jobs
    for (int v = 0; v < 6; v++) {
      graph.run("load", List.of(), "raw");
      final int version = v;
      IntStream.range(0, 100)
          .forEach(i -> graph.run("reader-" + version + "-" + i, List.of("raw"), "out"));
    }
    // When
    final NameGraph down = service.nameLineage("raw", "downstream", "3", null);
    // Then
    assertThat(down.truncated()).isTrue();
    assertThat(down.nodes()).hasSize(QueryService.MAX_NODES);
    final List<String> ids = down.nodes().stream().map(NameGraph.Node::id).toList();
    assertThat(down.edges()).allMatch(e -> ids.contains(e.from()) && ids.contains(e.to()));
  }

  @Test
  void shouldDrawDatasetsAsBoxesAndJobsAsEllipsesWhenDotIsAsked() {
    // Given a name with a quote and a backslash
    graph.source("raw");
    graph.run("etl \"daily\"", List.of("raw"), "s3://b/x\\y", VerdictStatus.BLOCK);
    // When
    final String dot = GraphvizDot.render(service.nameLineage("raw", "downstream", "1", null));
    // Then
    assertThat(dot)
        .startsWith("digraph lineage {\n  rankdir=LR;\n")
        .contains("\"dataset:raw\" [shape=box, style=filled, fillcolor=white")
        .contains(
            "\"job:etl \\\"daily\\\"\" [shape=ellipse, style=filled, fillcolor=lightcoral,"
                + " label=\"etl \\\"daily\\\"\\nrun ")
        .contains("\"dataset:s3://b/x\\\\y\" [shape=box, style=filled, fillcolor=lightcoral")
        .contains("label=\"s3://b/x\\\\y\\nBLOCK, 1 version\"")
        .contains("\"dataset:raw\" -> \"job:etl \\\"daily\\\"\";")
        .endsWith("}\n");
  }

  @Test
  void shouldRefuseTheQueryWhenItCannotMeanAnything() {
    // When / Then
    assertThatThrownBy(() -> service.nameLineage(null, null, null, null))
        .isInstanceOf(BadRequest.class)
        .hasMessageContaining("name is required");
    assertThatThrownBy(() -> service.nameLineage("raw", "sideways", null, null))
        .isInstanceOf(BadRequest.class);
    assertThatThrownBy(() -> service.nameLineage("raw", null, "0", null))
        .isInstanceOf(BadRequest.class);
    assertThatThrownBy(() -> service.nameLineage("raw", null, null, null))
        .isInstanceOf(NotFound.class);
  }

  private static String runOf(final NameGraph graph) {
    return graph.nodes().stream().filter(NameGraph.Node::job).findFirst().orElseThrow().lastRunId();
  }
}
