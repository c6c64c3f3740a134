package dev.lineagegate.lineagestream.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lineagegate.avro.Reason;
import dev.lineagegate.avro.ReasonCode;
import dev.lineagegate.avro.Reproducibility;
import dev.lineagegate.avro.ReproducibilityGrade;
import dev.lineagegate.avro.Severity;
import dev.lineagegate.avro.Verdict;
import dev.lineagegate.avro.VerdictStatus;
import dev.lineagegate.avro.graph.ArtifactNode;
import dev.lineagegate.avro.graph.Origin;
import dev.lineagegate.avro.graph.UpstreamSignal;
import dev.lineagegate.policy.Policy;
import dev.lineagegate.schema.id.Digest;
import dev.lineagegate.testkit.TestEvents;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SignalsTest {

  private static final int MAX_DEPTH = 64;
  private static final String SELF = TestEvents.MODEL_V1.value();

  @Test
  void shouldCarryOwnAndInheritedOriginsBlockFirstWhenNodeHasOwnReasons() {
    // Given
    final UpstreamSignal upstream =
        UpstreamSignal.newBuilder(RuleFixtures.featuresSignal())
            .setStatus(VerdictStatus.BLOCK)
            .setOrigins(
                List.of(
                    RuleFixtures.origin(
                        RuleFixtures.RAW_V1, VerdictStatus.BLOCK, ReasonCode.RUN_FAILED)))
            .setDepth(2)
            .setPath(List.of(RuleFixtures.RAW_V1.value()))
            .build();
    final ArtifactNode node = withUpstream(upstream);
    final Verdict verdict =
        verdict(
            VerdictStatus.BLOCK,
            reason(ReasonCode.UPSTREAM_BLOCKED, Severity.BLOCK),
            reason(ReasonCode.MISSING_SEED, Severity.WARN),
            reason(ReasonCode.MISSING_CONFIG, Severity.WARN),
            reason(ReasonCode.MISSING_SEED, Severity.WARN));

    // When
    final UpstreamSignal signal = Signals.outgoing(node, verdict, true, MAX_DEPTH);

    // Then
    assertThat(signal)
        .isEqualTo(
            UpstreamSignal.newBuilder()
                .setFrom(SELF)
                .setName(TestEvents.MODEL)
                .setStatus(VerdictStatus.BLOCK)
                .setSettled(true)
                .setOrigins(
                    List.of(
                        RuleFixtures.origin(
                            RuleFixtures.RAW_V1, VerdictStatus.BLOCK, ReasonCode.RUN_FAILED),
                        RuleFixtures.origin(
                            TestEvents.MODEL_V1,
                            VerdictStatus.WARN,
                            ReasonCode.MISSING_CONFIG,
                            ReasonCode.MISSING_SEED)))
                .setProducedAt(TestEvents.T0.plusSeconds(60))
                .setSupersededBy(null)
                .setDepth(3)
                .setPath(List.of(TestEvents.FEATURES_V1.value(), RuleFixtures.RAW_V1.value()))
                .setBackEdge(false)
                .build());
  }

  @Test
  void shouldAddNoOwnOriginWhenAllReasonsAreInherited() {
    // Given
    final UpstreamSignal upstream =
        UpstreamSignal.newBuilder(RuleFixtures.featuresSignal())
            .setOrigins(
                List.of(
                    RuleFixtures.origin(
                        RuleFixtures.RAW_V1, VerdictStatus.WARN, ReasonCode.MISSING_SEED)))
            .build();
    final Verdict verdict =
        verdict(VerdictStatus.WARN, reason(ReasonCode.UPSTREAM_WARNED, Severity.WARN));

    // When
    final UpstreamSignal signal =
        Signals.outgoing(withUpstream(upstream), verdict, false, MAX_DEPTH);

    // Then
    assertThat(signal.getOrigins())
        .containsExactly(
            RuleFixtures.origin(RuleFixtures.RAW_V1, VerdictStatus.WARN, ReasonCode.MISSING_SEED));
    assertThat(signal.getStatus()).isEqualTo(VerdictStatus.WARN);
    assertThat(signal.getSettled()).isFalse();
  }

  @Test
  void shouldCarryNoStatusWhenNodeHasNoVerdictYet() {
    // Given
    final ArtifactNode node = withUpstream(RuleFixtures.featuresSignal());

    // When
    final UpstreamSignal signal = Signals.outgoing(node, null, false, MAX_DEPTH);

    // Then
    assertThat(signal.getStatus()).isNull();
    assertThat(signal.getOrigins()).isEmpty();
  }

  @Test
  void shouldDropOwnArtifactWhenUpstreamOriginsNameIt() {
    // Given
    final UpstreamSignal upstream =
        UpstreamSignal.newBuilder(RuleFixtures.featuresSignal())
            .setOrigins(
                List.of(
                    RuleFixtures.origin(
                        TestEvents.MODEL_V1, VerdictStatus.BLOCK, ReasonCode.RUN_FAILED)))
            .build();

    // When
    final UpstreamSignal signal =
        Signals.outgoing(withUpstream(upstream), verdict(VerdictStatus.PASS), true, MAX_DEPTH);

    // Then
    assertThat(signal.getOrigins()).isEmpty();
  }

  @Test
  void shouldKeepBlockedViewWhenTwoInputsDisagreeOnAnOrigin() {
    // Given
    final UpstreamSignal warned =
        UpstreamSignal.newBuilder(RuleFixtures.featuresSignal())
            .setOrigins(
                List.of(
                    RuleFixtures.origin(
                        RuleFixtures.RAW_V1, VerdictStatus.WARN, ReasonCode.MISSING_SEED)))
            .build();
    final UpstreamSignal blocked =
        UpstreamSignal.newBuilder(warned)
            .setFrom(RuleFixtures.CLEAN_V1.value())
            .setOrigins(
                List.of(
                    RuleFixtures.origin(
                        RuleFixtures.RAW_V1, VerdictStatus.BLOCK, ReasonCode.MISSING_SEED)))
            .build();

    // When
    final UpstreamSignal signal =
        Signals.outgoing(
            ArtifactNode.newBuilder(RuleFixtures.modelNode(RuleFixtures.trainRunWithClean()))
                .setUpstream(List.of(warned, blocked))
                .build(),
            verdict(VerdictStatus.PASS),
            true,
            MAX_DEPTH);

    // Then
    assertThat(signal.getOrigins())
        .containsExactly(
            RuleFixtures.origin(RuleFixtures.RAW_V1, VerdictStatus.BLOCK, ReasonCode.MISSING_SEED));
  }

  @Test
  void shouldCapOriginsWhenManyAncestorsAreBlocked() {
    // Given
    final List<Origin> many =
        IntStream.range(0, Signals.MAX_ORIGINS + 8)
            .mapToObj(
                i ->
                    RuleFixtures.origin(
                        Digest.sha256("ancestor " + i),
                        VerdictStatus.WARN,
                        ReasonCode.MISSING_SEED))
            .toList();
    final Origin blocked =
        RuleFixtures.origin(RuleFixtures.RAW_V1, VerdictStatus.BLOCK, ReasonCode.RUN_FAILED);
    final UpstreamSignal upstream =
        UpstreamSignal.newBuilder(RuleFixtures.featuresSignal())
            .setOrigins(Stream.concat(many.stream(), Stream.of(blocked)).toList())
            .build();

    // When
    final UpstreamSignal signal =
        Signals.outgoing(withUpstream(upstream), verdict(VerdictStatus.PASS), true, MAX_DEPTH);

    // Then
    assertThat(signal.getOrigins()).hasSize(Signals.MAX_ORIGINS);
    assertThat(signal.getOrigins().get(0)).isEqualTo(blocked);
    assertThat(signal.getOrigins().subList(1, Signals.MAX_ORIGINS))
        .isSortedAccordingTo(Comparator.comparing(Origin::getArtifact));
  }

  @Test
  void shouldFollowDeepestInputWhenBuildingDepthAndPath() {
    // Given
    final UpstreamSignal shallow =
        UpstreamSignal.newBuilder(RuleFixtures.featuresSignal())
            .setFrom(RuleFixtures.CLEAN_V1.value())
            .setDepth(1)
            .build();
    final UpstreamSignal deep =
        UpstreamSignal.newBuilder(RuleFixtures.featuresSignal())
            .setDepth(4)
            .setPath(List.of(RuleFixtures.RAW_V1.value()))
            .build();

    // When
    final UpstreamSignal signal =
        Signals.outgoing(withUpstream(shallow, deep), null, false, MAX_DEPTH);

    // Then
    assertThat(signal.getDepth()).isEqualTo(5);
    assertThat(signal.getPath())
        .containsExactly(TestEvents.FEATURES_V1.value(), RuleFixtures.RAW_V1.value());
  }

  @Test
  void shouldBoundPathNearestFirstWhenChainIsLong() {
    // Given
    final List<String> ancestors =
        IntStream.range(0, 20).mapToObj(i -> Digest.sha256("ancestor " + i).value()).toList();
    final UpstreamSignal upstream =
        UpstreamSignal.newBuilder(RuleFixtures.featuresSignal())
            .setDepth(20)
            .setPath(ancestors)
            .build();

    // When
    final UpstreamSignal signal = Signals.outgoing(withUpstream(upstream), null, false, MAX_DEPTH);

    // Then
    assertThat(signal.getPath()).hasSize(Signals.MAX_PATH);
    assertThat(signal.getPath().get(0)).isEqualTo(TestEvents.FEATURES_V1.value());
    assertThat(signal.getPath().subList(1, Signals.MAX_PATH))
        .isEqualTo(ancestors.subList(0, Signals.MAX_PATH - 1));
  }

  @Test
  void shouldCapDepthWhenChainReachesMaximum() {
    // Given
    final UpstreamSignal upstream =
        UpstreamSignal.newBuilder(RuleFixtures.featuresSignal()).setDepth(MAX_DEPTH).build();

    // When
    final UpstreamSignal signal = Signals.outgoing(withUpstream(upstream), null, false, MAX_DEPTH);

    // Then
    assertThat(signal.getDepth()).isEqualTo(MAX_DEPTH);
  }

  @Test
  void shouldHaveDepthZeroWhenNodeIsASource() {
    // Given
    final ArtifactNode source =
        ArtifactNode.newBuilder()
            .setArtifact(TestEvents.FEATURES_V1.value())
            .setName(TestEvents.FEATURES)
            .build();

    // When
    final UpstreamSignal signal = Signals.outgoing(source, null, true, MAX_DEPTH);

    // Then
    assertThat(signal)
        .isEqualTo(
            UpstreamSignal.newBuilder(RuleFixtures.featuresSignal()).setStatus(null).build());
  }

  @Test
  void shouldIgnoreBackEdgesWhenBuildingSignal() {
    // Given
    final UpstreamSignal back =
        UpstreamSignal.newBuilder(RuleFixtures.featuresSignal())
            .setOrigins(
                List.of(
                    RuleFixtures.origin(
                        RuleFixtures.RAW_V1, VerdictStatus.BLOCK, ReasonCode.RUN_FAILED)))
            .setDepth(10)
            .setPath(List.of(RuleFixtures.RAW_V1.value()))
            .setBackEdge(true)
            .build();

    // When
    final UpstreamSignal signal =
        Signals.outgoing(withUpstream(back), verdict(VerdictStatus.PASS), true, MAX_DEPTH);

    // Then
    assertThat(signal.getOrigins()).isEmpty();
    assertThat(signal.getDepth()).isEqualTo(1);
    assertThat(signal.getPath()).isEmpty();
  }

  @Test
  void shouldCloseCycleWhenPathContainsReceiver() {
    // Given
    final UpstreamSignal signal =
        UpstreamSignal.newBuilder(RuleFixtures.featuresSignal())
            .setDepth(2)
            .setPath(List.of(RuleFixtures.RAW_V1.value(), SELF))
            .build();

    // When
    final boolean cycle = Signals.closesCycle(SELF, signal, MAX_DEPTH);

    // Then
    assertThat(cycle).isTrue();
  }

  @Test
  void shouldCloseCycleWhenOriginsContainReceiver() {
    // Given
    final UpstreamSignal signal =
        UpstreamSignal.newBuilder(RuleFixtures.featuresSignal())
            .setOrigins(
                List.of(
                    RuleFixtures.origin(
                        TestEvents.MODEL_V1, VerdictStatus.BLOCK, ReasonCode.RUN_FAILED)))
            .build();

    // When
    final boolean cycle = Signals.closesCycle(SELF, signal, MAX_DEPTH);

    // Then
    assertThat(cycle).isTrue();
  }

  @Test
  void shouldCloseCycleWhenSignalComesFromReceiver() {
    // Given
    final UpstreamSignal signal =
        UpstreamSignal.newBuilder(RuleFixtures.featuresSignal()).setFrom(SELF).build();

    // When
    final boolean cycle = Signals.closesCycle(SELF, signal, MAX_DEPTH);

    // Then
    assertThat(cycle).isTrue();
  }

  @Test
  void shouldCloseCycleWhenDepthReachesMaximum() {
    // Given
    final UpstreamSignal atMax =
        UpstreamSignal.newBuilder(RuleFixtures.featuresSignal()).setDepth(MAX_DEPTH).build();
    final UpstreamSignal belowMax =
        UpstreamSignal.newBuilder(RuleFixtures.featuresSignal()).setDepth(MAX_DEPTH - 1).build();

    // When
    final boolean cycleAtMax = Signals.closesCycle(SELF, atMax, MAX_DEPTH);
    final boolean cycleBelowMax = Signals.closesCycle(SELF, belowMax, MAX_DEPTH);

    // Then
    assertThat(cycleAtMax).isTrue();
    assertThat(cycleBelowMax).isFalse();
  }

  @Test
  void shouldNotCloseCycleWhenReceiverIsNowhereInSignal() {
    // Given
    final UpstreamSignal signal =
        UpstreamSignal.newBuilder(RuleFixtures.featuresSignal())
            .setDepth(3)
            .setPath(List.of(RuleFixtures.RAW_V1.value()))
            .setOrigins(
                List.of(
                    RuleFixtures.origin(
                        RuleFixtures.RAW_V1, VerdictStatus.BLOCK, ReasonCode.RUN_FAILED)))
            .build();

    // When
    final boolean cycle = Signals.closesCycle(SELF, signal, MAX_DEPTH);

    // Then
    assertThat(cycle).isFalse();
  }

  private static ArtifactNode withUpstream(final UpstreamSignal... upstream) {
    return ArtifactNode.newBuilder(RuleFixtures.modelNode(RuleFixtures.trainRun()))
        .setUpstream(List.of(upstream))
        .build();
  }

  private static Reason reason(final ReasonCode code, final Severity severity) {
    return new Reason(code, severity, code.name(), Map.of());
  }

  private static Verdict verdict(final VerdictStatus status, final Reason... reasons) {
    return Verdict.newBuilder()
        .setArtifact(SELF)
        .setName(TestEvents.MODEL)
        .setStatus(status)
        .setReasons(List.of(reasons))
        .setReproducibility(new Reproducibility(ReproducibilityGrade.FULL, List.of()))
        .setProducingRunId(TestEvents.TRAIN_RUN)
        .setRecipe(TestEvents.RECIPE.value())
        .setReproducedBy(List.of())
        .setPolicyVersion(Policy.defaults().version().value())
        .setSequence(1L)
        .setEvaluatedAt(RuleFixtures.NOW)
        .setDerived(false)
        .build();
  }
}
