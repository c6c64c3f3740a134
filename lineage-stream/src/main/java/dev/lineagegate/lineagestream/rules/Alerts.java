package dev.lineagegate.lineagestream.rules;

import dev.lineagegate.avro.Alert;
import dev.lineagegate.avro.AlertKind;
import dev.lineagegate.avro.Reason;
import dev.lineagegate.avro.ReasonCode;
import dev.lineagegate.avro.Severity;
import dev.lineagegate.avro.SuggestedAction;
import dev.lineagegate.avro.Verdict;
import dev.lineagegate.avro.VerdictStatus;
import dev.lineagegate.schema.id.Digest;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The alerts of DESIGN.md §4.7. Ids are digests of what the alert is about (artifact and verdict
 * sequence, run, record position), so that a replay or a duplicate yields the same id and on-call
 * tooling can drop it.
 */
public final class Alerts {

  private Alerts() {}

  /** True when {@code next} is worse than {@code previous} or has a reason code it did not. */
  public static boolean worsened(final Verdict previous, final Verdict next) {
    if (previous == null) {
      return next.getStatus() != VerdictStatus.PASS;
    }
    if (rank(next.getStatus()) > rank(previous.getStatus())) {
      return true;
    }
    final Set<ReasonCode> before =
        previous.getReasons().stream().map(Reason::getCode).collect(Collectors.toSet());
    return next.getReasons().stream().anyMatch(r -> !before.contains(r.getCode()));
  }

  /**
   * The alert for a verdict that worsened (from {@code previous}, null for a first verdict); the
   * name's node adds the rollback candidate. Its summary and suggested action follow the worst
   * reason the verdict gained, which is what changed, else (status up only) its worst reason.
   */
  public static Alert verdictWorsened(
      final Verdict previous, final Verdict verdict, final String owner, final Instant at) {
    final Set<ReasonCode> before =
        previous == null
            ? Set.of()
            : previous.getReasons().stream().map(Reason::getCode).collect(Collectors.toSet());
    final List<Reason> gained =
        verdict.getReasons().stream().filter(r -> !before.contains(r.getCode())).toList();
    final List<Reason> candidates = gained.isEmpty() ? verdict.getReasons() : gained;
    final Reason first =
        candidates.stream()
            .filter(r -> r.getSeverity() == Severity.BLOCK)
            .findFirst()
            .orElse(candidates.get(0));
    return Alert.newBuilder()
        .setAlertId(id("verdict", verdict.getArtifact(), Long.toString(verdict.getSequence())))
        .setKind(AlertKind.VERDICT_WORSENED)
        .setSeverity(verdict.getStatus() == VerdictStatus.BLOCK ? Severity.BLOCK : Severity.WARN)
        .setArtifact(verdict.getArtifact())
        .setName(verdict.getName())
        .setOwner(owner)
        .setRunId(verdict.getProducingRunId())
        .setSummary(
            (verdict.getName() == null ? verdict.getArtifact() : verdict.getName())
                + " is "
                + verdict.getStatus()
                + ": "
                + first.getMessage())
        .setReasons(verdict.getReasons())
        .setSuggestedAction(action(first.getCode()))
        .setRollbackCandidate(null)
        .setVerdictSequence(verdict.getSequence())
        .setRaisedAt(at)
        .build();
  }

  public static Alert malformedEvent(
      final String topic,
      final int partition,
      final long offset,
      final String runId,
      final String message,
      final Instant at) {
    return Alert.newBuilder()
        .setAlertId(id("malformed", topic, Integer.toString(partition), Long.toString(offset)))
        .setKind(AlertKind.MALFORMED_EVENT)
        .setSeverity(Severity.BLOCK)
        .setRunId(runId)
        .setSummary("malformed event at " + topic + "/" + partition + "@" + offset + ": " + message)
        .setReasons(
            List.of(
                new Reason(
                    ReasonCode.MALFORMED_EVENT,
                    Severity.BLOCK,
                    message,
                    java.util.Map.of(
                        "topic", topic,
                        "partition", Integer.toString(partition),
                        "offset", Long.toString(offset)))))
        .setSuggestedAction(SuggestedAction.FIX_PRODUCER)
        .setRaisedAt(at)
        .build();
  }

  public static Alert runStalled(
      final String runId,
      final String step,
      final String owner,
      final Instant startedAt,
      final Instant at) {
    final String message =
        "run " + runId + " of step " + step + " started at " + startedAt + " and has not finished";
    return Alert.newBuilder()
        .setAlertId(id("stalled", runId))
        .setKind(AlertKind.RUN_STALLED)
        .setSeverity(Severity.WARN)
        .setOwner(owner)
        .setRunId(runId)
        .setSummary(message)
        .setReasons(
            List.of(
                new Reason(
                    ReasonCode.RUN_STALLED,
                    Severity.WARN,
                    message,
                    java.util.Map.of("runId", runId, "startedAt", startedAt.toString()))))
        .setSuggestedAction(SuggestedAction.INVESTIGATE_DRIFT)
        .setRaisedAt(at)
        .build();
  }

  /**
   * A streaming run sent no event since {@code lastSeen} (DESIGN.md §3: RUN_STALLED is a missed
   * heartbeat, never "still running"). One alert per silence: a run heard from again and silent
   * again raises a new one.
   */
  public static Alert heartbeatMissed(
      final String runId,
      final String step,
      final String owner,
      final Instant lastSeen,
      final Instant at) {
    final String message =
        "streaming run " + runId + " of step " + step + " sent no event since " + lastSeen;
    return Alert.newBuilder()
        .setAlertId(id("stalled", runId, Long.toString(lastSeen.toEpochMilli())))
        .setKind(AlertKind.RUN_STALLED)
        .setSeverity(Severity.WARN)
        .setOwner(owner)
        .setRunId(runId)
        .setSummary(message)
        .setReasons(
            List.of(
                new Reason(
                    ReasonCode.RUN_STALLED,
                    Severity.WARN,
                    message,
                    java.util.Map.of("runId", runId, "lastSeen", lastSeen.toString()))))
        .setSuggestedAction(SuggestedAction.INVESTIGATE_DRIFT)
        .setRaisedAt(at)
        .build();
  }

  /**
   * An event of run {@code runId} was not kept: the run's state, or a node it feeds, would have
   * exceeded what lineage-gate keeps per key. The event is on the dead-letter topic at the position
   * named; the run's outputs carry STATE_LIMIT.
   */
  public static Alert stateLimit(
      final String topic,
      final int partition,
      final long offset,
      final String runId,
      final String step,
      final String owner,
      final String why,
      final Instant at) {
    final String message =
        "an event of run "
            + runId
            + (step == null ? "" : " (step " + step + ")")
            + " was not kept: "
            + why;
    return Alert.newBuilder()
        .setAlertId(id("state-limit", topic, Integer.toString(partition), Long.toString(offset)))
        .setKind(AlertKind.STATE_LIMIT)
        .setSeverity(Severity.BLOCK)
        .setOwner(owner)
        .setRunId(runId)
        .setSummary(message)
        .setReasons(
            List.of(
                new Reason(
                    ReasonCode.STATE_LIMIT,
                    Severity.BLOCK,
                    message,
                    java.util.Map.of(
                        "topic",
                        topic,
                        "partition",
                        Integer.toString(partition),
                        "offset",
                        Long.toString(offset),
                        "runId",
                        runId))))
        .setSuggestedAction(SuggestedAction.FIX_PRODUCER)
        .setRaisedAt(at)
        .build();
  }

  /** The events describe a cycle through {@code artifact}: propagation along it has stopped. */
  public static Alert cycle(
      final String artifact, final String name, final String path, final Instant at) {
    final String message = "the lineage of " + artifact + " loops back to itself via " + path;
    return Alert.newBuilder()
        .setAlertId(id("cycle", artifact))
        .setKind(AlertKind.LINEAGE_CYCLE)
        .setSeverity(Severity.BLOCK)
        .setArtifact(artifact)
        .setName(name)
        .setSummary(message)
        .setReasons(
            List.of(
                new Reason(
                    ReasonCode.LINEAGE_CYCLE,
                    Severity.BLOCK,
                    message,
                    java.util.Map.of("path", path))))
        .setSuggestedAction(SuggestedAction.FIX_PRODUCER)
        .setRaisedAt(at)
        .build();
  }

  /**
   * What on-call should do first about a reason. Where each reason is found, worded and given its
   * evidence: {@link RunRules} (the run's own facts), {@link InputRules} (inputs and ancestors),
   * {@link DeterminismRules}, {@link ReproducibilityGrades}; LINEAGE_CYCLE in {@link Signals}.
   */
  public static SuggestedAction action(final ReasonCode code) {
    return switch (code) {
      case RUN_FAILED, SUPERSEDED_INPUT, UPSTREAM_BLOCKED, UPSTREAM_WARNED -> SuggestedAction.RERUN;
      case STALE_INPUT -> SuggestedAction.BACKFILL;
      case MISSING_CODE_VERSION,
          MISSING_OWNER,
          MISSING_ENVIRONMENT,
          UNVERSIONED_INPUT,
          UNVERSIONED_OUTPUT,
          MISSING_CONFIG,
          MISSING_SEED ->
          SuggestedAction.ADD_METADATA;
      case NONDETERMINISTIC, OVER_BUDGET, RUN_STALLED -> SuggestedAction.INVESTIGATE_DRIFT;
      case CHECK_FAILED -> SuggestedAction.ROLL_BACK;
      case MALFORMED, MALFORMED_EVENT, LINEAGE_CYCLE, UNKNOWN_ARTIFACT, STATE_LIMIT ->
          SuggestedAction.FIX_PRODUCER;
    };
  }

  private static int rank(final VerdictStatus status) {
    return switch (status) {
      case PASS -> 0;
      case WARN -> 1;
      case BLOCK -> 2;
    };
  }

  private static String id(final String... parts) {
    return Digest.sha256(String.join("|", parts)).value();
  }
}
