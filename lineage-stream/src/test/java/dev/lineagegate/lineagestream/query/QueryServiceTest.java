package dev.lineagegate.lineagestream.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.lineagegate.avro.ExecutionEvent;
import dev.lineagegate.avro.graph.ArtifactNode;
import dev.lineagegate.avro.graph.ConsumerEdge;
import dev.lineagegate.avro.graph.NameNode;
import dev.lineagegate.avro.graph.RunFacts;
import dev.lineagegate.schema.json.FieldError;
import dev.lineagegate.testkit.TestEvents;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Queries over an in-memory {@link NodeSource}: the train run of TestEvents, as the stores hold it.
 */
class QueryServiceTest {

  private static final String FEATURES = TestEvents.FEATURES_V1.value();
  private static final String MODEL = TestEvents.MODEL_V1.value();
  private static final String RUN = "run:" + TestEvents.TRAIN_RUN;

  private final Map<String, ArtifactNode> artifacts = new HashMap<>();
  private final Map<String, List<ConsumerEdge>> consumers = new HashMap<>();
  private final QueryService service =
      new QueryService(
          new NodeSource() {
            @Override
            public Optional<ArtifactNode> artifact(final String digest) {
              return Optional.ofNullable(artifacts.get(digest));
            }

            @Override
            public List<ConsumerEdge> consumers(final String digest) {
              return consumers.getOrDefault(digest, List.of());
            }

            @Override
            public Optional<NameNode> name(final String name) {
              return Optional.empty();
            }
          });

  private void givenTheTrainRun() {
    final ExecutionEvent merged = TestEvents.trainComplete();
    final RunFacts facts =
        RunFacts.newBuilder()
            .setRunId(TestEvents.TRAIN_RUN)
            .setMerged(merged)
            .setRecipe(TestEvents.RECIPE.value())
            .build();
    artifacts.put(
        MODEL,
        ArtifactNode.newBuilder()
            .setArtifact(MODEL)
            .setName(TestEvents.MODEL)
            .setProducers(List.of(facts))
            .setVerdict(TestEvents.modelVerdict())
            .build());
    consumers.put(
        FEATURES,
        List.of(
            ConsumerEdge.newBuilder()
                .setInput(FEATURES)
                .setRunId(TestEvents.TRAIN_RUN)
                .setInputName(TestEvents.FEATURES)
                .setOutputs(List.of(MODEL))
                .build()));
  }

  @Test
  void shouldWalkBothWaysWhenTheArtifactIsInTheMiddle() {
    // Given
    givenTheTrainRun();
    // When
    final LineageGraph up = service.lineage(MODEL, "upstream", null, null);
    final LineageGraph down = service.lineage(FEATURES, "downstream", "1", "json");
    // Then
    assertThat(up.nodes())
        .containsExactly(
            LineageGraph.Node.artifact(MODEL, TestEvents.MODEL, "WARN"),
            LineageGraph.Node.run(TestEvents.TRAIN_RUN, "train"),
            LineageGraph.Node.artifact(FEATURES, TestEvents.FEATURES, null));
    assertThat(up.edges())
        .containsExactly(new LineageGraph.Edge(RUN, MODEL), new LineageGraph.Edge(FEATURES, RUN));
    assertThat(down.edges())
        .containsExactly(new LineageGraph.Edge(FEATURES, RUN), new LineageGraph.Edge(RUN, MODEL));
    assertThat(down.nodes()).contains(LineageGraph.Node.run(TestEvents.TRAIN_RUN, "train"));
    assertThat(GraphvizDot.render(up))
        .startsWith("digraph lineage {")
        .contains("\"" + FEATURES + "\" -> \"" + RUN + "\";");
  }

  @Test
  void shouldRefuseTheQueryWhenItCannotMeanAnything() {
    // When / Then
    assertThatThrownBy(() -> service.verdict("sha256:ABC")).isInstanceOf(BadRequest.class);
    assertThatThrownBy(() -> service.lineage(MODEL, "sideways", null, null))
        .isInstanceOf(BadRequest.class);
    assertThatThrownBy(() -> service.lineage(MODEL, null, "21", null))
        .isInstanceOf(BadRequest.class);
    assertThatThrownBy(() -> service.lineage(MODEL, null, "0", null))
        .isInstanceOf(BadRequest.class);
  }

  @Test
  void shouldNameEveryWrongParameterWhenTheDigestIsNotKnown() {
    // When a graph of an unknown artifact is asked with a wrong format and depth
    final BadRequest refused =
        catchThrowableOfType(BadRequest.class, () -> service.lineage(MODEL, null, "", "xml"));
    // Then the parameters are checked before the walk: 400 naming both, not a 404
    assertThat(refused.errors())
        .extracting(FieldError::pointer)
        .containsExactly("/depth", "/format");
  }

  @Test
  void shouldAnswerNotFoundWhenNothingIsKnown() {
    // When / Then
    assertThatThrownBy(() -> service.verdict(MODEL)).isInstanceOf(NotFound.class);
    assertThatThrownBy(() -> service.lineage(MODEL, null, null, null)).isInstanceOf(NotFound.class);
    assertThatThrownBy(() -> service.versions(TestEvents.MODEL)).isInstanceOf(NotFound.class);
  }

  @Test
  void shouldWriteTheDesignedDocumentWhenAVerdictIsKnown() {
    // Given
    givenTheTrainRun();
    // When
    final String json = service.verdict(MODEL).toString();
    // Then
    assertThat(json)
        .startsWith("{\"artifact\":\"" + MODEL + "\",\"name\":\"model:churn\",\"status\":\"WARN\"")
        .contains("\"code\":\"SUPERSEDED_INPUT\"")
        .contains("\"sequence\":2")
        .endsWith("\"evaluatedAt\":\"" + TestEvents.T0.plusSeconds(120) + "\"}")
        .doesNotContain("derived");
  }
}
