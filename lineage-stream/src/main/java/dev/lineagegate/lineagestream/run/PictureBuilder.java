package dev.lineagegate.lineagestream.run;

import dev.lineagegate.avro.CheckResult;
import dev.lineagegate.avro.CostInfo;
import dev.lineagegate.avro.EventType;
import dev.lineagegate.avro.ExecutionEvent;
import dev.lineagegate.avro.InputArtifact;
import dev.lineagegate.avro.OutputArtifact;
import dev.lineagegate.avro.RunInfo;
import dev.lineagegate.avro.RunMode;
import dev.lineagegate.avro.graph.EventStamp;
import dev.lineagegate.avro.graph.ItemStamps;
import dev.lineagegate.avro.graph.RunPicture;
import dev.lineagegate.avro.graph.Stamp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One fold of {@link RunFold}: a run's picture, changed in place by one event. Fields keep the
 * value of the latest event that has one (a blank text is no value: a later {@code "owner": ""}
 * does not erase an owner); inputs, outputs and checks are unions placed by their first listing.
 */
final class PictureBuilder {

  static final String LAST = "last";
  static final String OUTCOME = "outcome";
  static final String START = "start";

  private final List<EventStamp> stamps;
  private ExecutionEvent picture;
  private final Map<String, Stamp> fields;
  private final List<ItemStamps> inputStamps;
  private final List<ItemStamps> outputStamps;
  private final List<ItemStamps> checkStamps;
  private boolean hasCost;

  /** Changes {@code picture} (null for a run's first event) and {@code stamps} in place. */
  PictureBuilder(final RunPicture picture, final List<EventStamp> stamps) {
    this.stamps = stamps;
    if (picture == null) {
      this.picture = null;
      fields = new HashMap<>();
      inputStamps = new ArrayList<>();
      outputStamps = new ArrayList<>();
      checkStamps = new ArrayList<>();
    } else {
      this.picture = picture.getMerged();
      this.picture.setInputs(new ArrayList<>(this.picture.getInputs()));
      this.picture.setOutputs(new ArrayList<>(this.picture.getOutputs()));
      this.picture.setChecks(new ArrayList<>(this.picture.getChecks()));
      fields = new HashMap<>(picture.getFields());
      inputStamps = new ArrayList<>(picture.getInputs());
      outputStamps = new ArrayList<>(picture.getOutputs());
      checkStamps = new ArrayList<>(picture.getChecks());
      hasCost = picture.getHasCost();
    }
  }

  void add(final ExecutionEvent event) {
    if (picture == null) {
      picture = first(event);
    }
    final Stamp at = new Stamp(stampOf(event), 0);
    if (later(at, LAST)) {
      fields.put(LAST, at);
      picture.setEventId(event.getEventId());
      picture.setEventTime(event.getEventTime());
      picture.getRun().setStep(event.getRun().getStep());
    }
    if (event.getEventType() == EventType.START) {
      final Stamp start = fields.get(START);
      if (start == null || compare(at, start) < 0) {
        fields.put(START, at);
      }
    } else if (later(at, OUTCOME)) {
      fields.put(OUTCOME, at);
      picture.setEventType(event.getEventType());
    }
    final RunInfo run = event.getRun();
    field("pipeline", at, text(run.getPipeline()), v -> picture.getRun().setPipeline(v));
    field("owner", at, text(run.getOwner()), v -> picture.getRun().setOwner(v));
    field("attempt", at, run.getAttempt(), v -> picture.getRun().setAttempt(v));
    field("mode", at, run.getMode(), v -> picture.getRun().setMode(v));
    field("code", at, event.getCode(), picture::setCode);
    field("config", at, event.getConfig(), picture::setConfig);
    field("seed", at, event.getSeed(), picture::setSeed);
    field("environment", at, event.getEnvironment(), picture::setEnvironment);
    field("error", at, event.getError(), picture::setError);
    field("producer", at, text(event.getProducer()), picture::setProducer);
    cost(event.getCost(), at);
    inputs(event.getInputs(), at.getEvent());
    outputs(event.getOutputs(), at.getEvent(), run.getMode() == RunMode.STREAMING);
    items(event.getChecks(), at.getEvent(), picture.getChecks(), checkStamps, CheckResult::getName);
  }

  private ExecutionEvent first(final ExecutionEvent event) {
    final RunInfo run = event.getRun();
    return ExecutionEvent.newBuilder()
        .setEventId(event.getEventId())
        .setEventType(EventType.START)
        .setEventTime(event.getEventTime())
        .setRun(new RunInfo(run.getRunId(), null, run.getStep(), null, null, null))
        .setInputs(new ArrayList<>())
        .setOutputs(new ArrayList<>())
        .setChecks(new ArrayList<>())
        .build();
  }

  private void cost(final CostInfo cost, final Stamp at) {
    if (cost == null) {
      return;
    }
    if (picture.getCost() == null) {
      picture.setCost(new CostInfo(null, null, null, null));
    }
    hasCost = true;
    final CostInfo kept = picture.getCost();
    field("durationMs", at, cost.getDurationMs(), kept::setDurationMs);
    field("cpuSeconds", at, cost.getCpuSeconds(), kept::setCpuSeconds);
    field("gpuSeconds", at, cost.getGpuSeconds(), kept::setGpuSeconds);
    field("tokens", at, cost.getTokens(), kept::setTokens);
  }

  /** Inputs by name (or digest when unnamed); digest and producedAt are each the latest given. */
  private void inputs(final List<InputArtifact> listed, final int event) {
    final List<InputArtifact> kept = picture.getInputs();
    final Map<String, Integer> index = index(kept, PictureBuilder::inputKey);
    for (int pos = 0; pos < listed.size(); pos++) {
      final InputArtifact input = listed.get(pos);
      final Stamp at = new Stamp(event, pos);
      final Integer known = index.get(inputKey(input));
      if (known == null) {
        index.put(inputKey(input), kept.size());
        kept.add(InputArtifact.newBuilder(input).build());
        inputStamps.add(
            new ItemStamps(
                at,
                null,
                input.getDigest() == null ? null : at,
                input.getProducedAt() == null ? null : at));
        continue;
      }
      final InputArtifact item = kept.get(known);
      final ItemStamps itemStamps = inputStamps.get(known);
      earliest(itemStamps, at);
      if (input.getDigest() != null && later(at, itemStamps.getDigest())) {
        item.setDigest(input.getDigest());
        itemStamps.setDigest(at);
      }
      if (input.getProducedAt() != null && later(at, itemStamps.getProducedAt())) {
        item.setProducedAt(input.getProducedAt());
        itemStamps.setProducedAt(at);
      }
    }
    sortByFirst(kept, inputStamps);
  }

  /**
   * Outputs by name and digest, the latest listing of each replacing it whole; but an output that a
   * streaming event lists is its stream's current version of that name (DESIGN.md §3): one item per
   * name, which a later streaming listing of the name replaces whatever its digest. A stream that
   * writes a new version now and then so keeps one output per name, not every version it ever wrote
   * (each was produced when listed), and is not taken for a run that reports one name with two
   * digests. Such an item is told apart by its digest stamp: the listing its digest comes from. The
   * key follows the listing event's mode, not the run's, so that the fold stays independent of the
   * order of arrival.
   */
  private void outputs(final List<OutputArtifact> listed, final int event, final boolean stream) {
    final List<OutputArtifact> kept = picture.getOutputs();
    final Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < kept.size(); i++) {
      index.put(outputKey(kept.get(i), outputStamps.get(i).getDigest() != null), i);
    }
    for (int pos = 0; pos < listed.size(); pos++) {
      final OutputArtifact output = listed.get(pos);
      final boolean byName = stream && output.getName() != null;
      final Stamp at = new Stamp(event, pos);
      final Integer known = index.get(outputKey(output, byName));
      if (known == null) {
        index.put(outputKey(output, byName), kept.size());
        kept.add(output);
        outputStamps.add(new ItemStamps(at, at, byName ? at : null, null));
        continue;
      }
      final ItemStamps itemStamps = outputStamps.get(known);
      earliest(itemStamps, at);
      if (later(at, itemStamps.getValue())) {
        kept.set(known, output);
        itemStamps.setValue(at);
        if (byName) {
          itemStamps.setDigest(at);
        }
      }
    }
    sortByFirst(kept, outputStamps);
  }

  /** Checks: the latest listing of an item replaces it whole. */
  private <T> void items(
      final List<T> listed,
      final int event,
      final List<T> kept,
      final List<ItemStamps> itemStamps,
      final Function<T, String> key) {
    final Map<String, Integer> index = index(kept, key);
    for (int pos = 0; pos < listed.size(); pos++) {
      final T item = listed.get(pos);
      final Stamp at = new Stamp(event, pos);
      final Integer known = index.get(key.apply(item));
      if (known == null) {
        index.put(key.apply(item), kept.size());
        kept.add(item);
        itemStamps.add(new ItemStamps(at, at, null, null));
        continue;
      }
      earliest(itemStamps.get(known), at);
      if (later(at, itemStamps.get(known).getValue())) {
        kept.set(known, item);
        itemStamps.get(known).setValue(at);
      }
    }
    sortByFirst(kept, itemStamps);
  }

  private <V> void field(
      final String name, final Stamp at, final V value, final Consumer<V> setter) {
    if (value != null && later(at, fields.get(name))) {
      fields.put(name, at);
      setter.accept(value);
    }
  }

  private boolean later(final Stamp at, final String field) {
    return later(at, fields.get(field));
  }

  private boolean later(final Stamp at, final Stamp current) {
    return current == null || compare(at, current) > 0;
  }

  private void earliest(final ItemStamps item, final Stamp at) {
    if (compare(at, item.getFirst()) < 0) {
      item.setFirst(at);
    }
  }

  /** The run's order of events (RunMerge's): event time, START first, eventId; then position. */
  private int compare(final Stamp a, final Stamp b) {
    final EventStamp x = stamps.get(a.getEvent());
    final EventStamp y = stamps.get(b.getEvent());
    int c = x.getTime().compareTo(y.getTime());
    if (c == 0) {
      c = Boolean.compare(!x.getStart(), !y.getStart());
    }
    if (c == 0) {
      c = x.getEventId().compareTo(y.getEventId());
    }
    return c != 0 ? c : Integer.compare(a.getPos(), b.getPos());
  }

  private int stampOf(final ExecutionEvent event) {
    final EventStamp stamp =
        new EventStamp(
            event.getEventTime(), event.getEventType() == EventType.START, event.getEventId());
    final int known = stamps.indexOf(stamp);
    if (known >= 0) {
      return known;
    }
    stamps.add(stamp);
    return stamps.size() - 1;
  }

  private <T> void sortByFirst(final List<T> items, final List<ItemStamps> itemStamps) {
    final List<Integer> order = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      order.add(i);
    }
    order.sort(Comparator.comparing(i -> itemStamps.get(i).getFirst(), this::compare));
    final List<T> sortedItems = new ArrayList<>(items.size());
    final List<ItemStamps> sortedStamps = new ArrayList<>(items.size());
    order.forEach(
        i -> {
          sortedItems.add(items.get(i));
          sortedStamps.add(itemStamps.get(i));
        });
    items.clear();
    items.addAll(sortedItems);
    itemStamps.clear();
    itemStamps.addAll(sortedStamps);
  }

  /** Drops the stamps no value refers to any more, so that the table stays as small as the run. */
  void compact() {
    final Map<Integer, Integer> remap = new LinkedHashMap<>();
    final List<Stamp> all = new ArrayList<>(fields.values());
    for (final List<ItemStamps> list : List.of(inputStamps, outputStamps, checkStamps)) {
      for (final ItemStamps item : list) {
        all.add(item.getFirst());
        all.add(item.getValue());
        all.add(item.getDigest());
        all.add(item.getProducedAt());
      }
    }
    final List<EventStamp> kept = new ArrayList<>();
    for (final Stamp stamp : all) {
      if (stamp != null && !remap.containsKey(stamp.getEvent())) {
        remap.put(stamp.getEvent(), kept.size());
        kept.add(stamps.get(stamp.getEvent()));
      }
    }
    // Stamps are shared between fields; each object is re-pointed once.
    final Map<Stamp, Boolean> done = new IdentityHashMap<>();
    for (final Stamp stamp : all) {
      if (stamp != null && done.put(stamp, true) == null) {
        stamp.setEvent(remap.get(stamp.getEvent()));
      }
    }
    stamps.clear();
    stamps.addAll(kept);
  }

  List<EventStamp> stamps() {
    return stamps;
  }

  RunPicture build() {
    return new RunPicture(picture, fields, inputStamps, outputStamps, checkStamps, hasCost);
  }

  private static String outputKey(final OutputArtifact output, final boolean byName) {
    // No name holds a control character (EventContract.nameViolation): no name@digest is "\0name".
    return byName ? "\0" + output.getName() : output.getName() + "@" + output.getDigest();
  }

  private static String inputKey(final InputArtifact input) {
    return input.getName() != null ? "n:" + input.getName() : "d:" + input.getDigest();
  }

  private static <T> Map<String, Integer> index(
      final List<T> items, final Function<T, String> key) {
    final Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < items.size(); i++) {
      index.put(key.apply(items.get(i)), i);
    }
    return index;
  }

  private static String text(final String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
