package dev.lineagegate.lineagestream.rules;

import dev.lineagegate.avro.EventType;
import dev.lineagegate.avro.RunMode;
import dev.lineagegate.avro.graph.RunFacts;
import java.time.Instant;

/**
 * When a run's outputs were produced (DESIGN.md §3): a batch run's when it ended; a streaming run,
 * which never ends in the usual sense, produced what it lists from its start (else, without a
 * START, from its latest event), so that its versions are ordered among the name's others.
 */
public final class RunTimes {

  private RunTimes() {}

  public static boolean streaming(final RunFacts run) {
    return run.getMerged().getRun().getMode() == RunMode.STREAMING;
  }

  /** Whether the run's listed outputs count as produced: it ended, or it streams. */
  public static boolean produced(final RunFacts run) {
    return run.getMerged().getEventType() != EventType.START || streaming(run);
  }

  public static Instant producedAt(final RunFacts run) {
    if (run.getEndedAt() != null || !streaming(run)) {
      return run.getEndedAt();
    }
    return run.getStartedAt() != null ? run.getStartedAt() : run.getMerged().getEventTime();
  }
}
