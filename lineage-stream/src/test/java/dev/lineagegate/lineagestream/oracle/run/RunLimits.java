package dev.lineagegate.lineagestream.oracle.run;

import dev.lineagegate.avro.ExecutionEvent;
import dev.lineagegate.avro.RunInfo;
import dev.lineagegate.avro.graph.RunPicture;
import java.util.ArrayList;
import java.util.List;

/**
 * What one run may accumulate (DESIGN.md §3: events of a run accumulate): the same counts as one
 * event may carry (docs/INGEST.md, per event and per run side by side), so that a run of any number
 * of events stays as small as its largest event allows, plus the byte bound of every store
 * (TopologyConfig.maxStateBytes). An event that would take a run past either is not merged: it is
 * dead-lettered and the run's outputs get STATE_LIMIT.
 */
public final class RunLimits {

  /** Distinct inputs, outputs and checks a run keeps. */
  public static final int MAX_INPUTS = 256;

  public static final int MAX_OUTPUTS = 256;
  public static final int MAX_CHECKS = 256;

  /** Messages of dead-lettered events kept per run (all are counted), and their length. */
  public static final int MAX_MALFORMED = 8;

  public static final int MAX_MALFORMED_LENGTH = 1_024;

  private RunLimits() {}

  /** Why {@code picture} is more than a run may keep, or null when it is within the limits. */
  public static String exceeded(final String runId, final RunPicture picture) {
    final ExecutionEvent merged = picture.getMerged();
    if (merged.getInputs().size() > MAX_INPUTS) {
      return over(runId, merged.getInputs().size(), "inputs", MAX_INPUTS);
    }
    if (merged.getOutputs().size() > MAX_OUTPUTS) {
      return over(runId, merged.getOutputs().size(), "outputs", MAX_OUTPUTS);
    }
    if (merged.getChecks().size() > MAX_CHECKS) {
      return over(runId, merged.getChecks().size(), "checks", MAX_CHECKS);
    }
    return null;
  }

  /**
   * What of an event that could not be merged is still worth keeping: who ran and what it says it
   * produced, so that those outputs carry STATE_LIMIT instead of going unnoticed.
   */
  public static ExecutionEvent skeleton(final ExecutionEvent event) {
    final RunInfo run = event.getRun();
    return ExecutionEvent.newBuilder()
        .setEventId(event.getEventId())
        .setEventType(event.getEventType())
        .setEventTime(event.getEventTime())
        .setRun(
            new RunInfo(
                run.getRunId(),
                run.getPipeline(),
                run.getStep(),
                run.getOwner(),
                null,
                run.getMode()))
        .setInputs(new ArrayList<>())
        .setOutputs(new ArrayList<>(event.getOutputs()))
        .setChecks(new ArrayList<>())
        .build();
  }

  /** {@code messages} with {@code message} added while fewer than the kept maximum, clipped. */
  public static List<String> withMalformed(final List<String> messages, final String message) {
    final List<String> kept = new ArrayList<>(messages);
    if (kept.size() < MAX_MALFORMED) {
      kept.add(
          message.length() > MAX_MALFORMED_LENGTH
              ? message.substring(0, MAX_MALFORMED_LENGTH) + "…"
              : message);
    }
    return kept;
  }

  private static String over(
      final String runId, final int count, final String what, final int limit) {
    return "run " + runId + " would list " + count + " " + what + "; a run keeps at most " + limit;
  }
}
