package dev.lineagegate.lineagestream.run;

import dev.lineagegate.avro.EventType;
import dev.lineagegate.avro.ExecutionEvent;
import dev.lineagegate.avro.InputArtifact;
import dev.lineagegate.avro.graph.EventStamp;
import dev.lineagegate.avro.graph.RunFacts;
import dev.lineagegate.avro.graph.RunPicture;
import dev.lineagegate.avro.graph.RunState;
import dev.lineagegate.avro.graph.Stamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges the events of one run one at a time into a bounded picture (DESIGN.md §3: events
 * accumulate, in any order): the same facts as merging all of them at once ({@code RunMerge}, kept
 * as the oracle in the tests), in O(size of the event) per event and without keeping the events.
 *
 * <p>Every value of the picture remembers the event it came from ({@link Stamp}): a field takes the
 * value of the latest event (by event time, START first on a tie, then eventId) that has one, a
 * list item keeps the place of the earliest event that listed it. Folding is commutative and
 * idempotent, so the order of arrival and duplicates do not matter.
 */
public final class RunFold {

  private RunFold() {}

  /** {@code state} with {@code event} merged in (a new object; {@code state} is not changed). */
  public static RunState fold(final RunState state, final ExecutionEvent event) {
    final RunState next = RunState.newBuilder(state).build();
    final PictureBuilder picture =
        new PictureBuilder(next.getPicture(), new ArrayList<>(next.getStamps()));
    picture.add(event);
    picture.compact();
    next.setPicture(picture.build());
    next.setStamps(picture.stamps());
    next.setEventCount(state.getEventCount() + 1);
    return next;
  }

  /**
   * The state of an earlier version, whose events were kept one by one, folded into a picture: read
   * once, written back without them.
   */
  public static RunState migrate(final RunState state) {
    if (state.getEvents().isEmpty()) {
      return state;
    }
    RunState folded = RunState.newBuilder(state).setEvents(new ArrayList<>()).build();
    for (final ExecutionEvent event : state.getEvents()) {
      folded = fold(folded, event);
    }
    return folded;
  }

  /** The merged facts of the run; empty-handed runs (no event folded yet) have none. */
  public static RunFacts facts(final RunState state) {
    final RunPicture picture = state.getPicture();
    if (picture == null) {
      throw new IllegalArgumentException("run " + state.getRunId() + " has no event yet");
    }
    final List<EventStamp> stamps = state.getStamps();
    // Shallow: the facts replace top-level fields only; the nested values they share with the
    // run's state (kept decoded, as are the artifact nodes that keep the facts) are never changed
    // in place.
    final ExecutionEvent merged = Shallow.copy(picture.getMerged());
    merged.setInputs(withoutDigestOnlyDuplicates(merged.getInputs()));
    merged.setRun(Shallow.copy(merged.getRun()));
    final Stamp start = picture.getFields().get(PictureBuilder.START);
    final Stamp outcome = picture.getFields().get(PictureBuilder.OUTCOME);
    return RunFacts.newBuilder()
        .setRunId(merged.getRun().getRunId())
        .setMerged(merged)
        .setStartedAt(start == null ? null : stamps.get(start.getEvent()).getTime())
        .setEndedAt(outcome == null ? null : stamps.get(outcome.getEvent()).getTime())
        .setRecipe(Recipes.of(merged).value())
        .setMalformed(List.of())
        .build();
  }

  /** True once at least one event was folded in (or an earlier version kept one). */
  public static boolean hasEvents(final RunState state) {
    return state.getPicture() != null || !state.getEvents().isEmpty();
  }

  /** One event may name an input that another gave by digest only: they are one input. */
  private static List<InputArtifact> withoutDigestOnlyDuplicates(final List<InputArtifact> inputs) {
    final Map<String, Boolean> named = new HashMap<>();
    for (final InputArtifact input : inputs) {
      if (input.getName() != null && input.getDigest() != null) {
        named.put(input.getDigest(), true);
      }
    }
    final List<InputArtifact> kept = new ArrayList<>(inputs.size());
    for (final InputArtifact input : inputs) {
      if (input.getName() != null || !named.containsKey(input.getDigest())) {
        kept.add(input);
      }
    }
    return kept;
  }

  /** The outcome of a run: the latest terminal event's type, START while there is none. */
  static EventType outcome(final RunPicture picture) {
    return picture.getMerged().getEventType();
  }
}
