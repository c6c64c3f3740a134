package dev.lineagegate.lineagestream.run;

import dev.lineagegate.avro.Alert;
import dev.lineagegate.avro.ExecutionEvent;
import dev.lineagegate.avro.graph.RunFacts;
import dev.lineagegate.avro.graph.RunState;
import dev.lineagegate.lineagestream.LineageTopology;
import dev.lineagegate.lineagestream.TopologyConfig;
import dev.lineagegate.lineagestream.rules.Alerts;
import dev.lineagegate.schema.DeadLetter;
import dev.lineagegate.schema.Topics;
import dev.lineagegate.schema.contract.EventContract;
import dev.lineagegate.schema.id.RunId;
import dev.lineagegate.schema.json.FieldError;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Joins the events of each run (key = runId, so all of them arrive here, in order per run): decodes
 * them itself so that a poison pill goes to the dead-letter topic instead of stopping the topology,
 * drops duplicate eventIds, merges, and tells the graph what the run consumed and produced. A
 * wall-clock punctuator raises RUN_STALLED for runs open too long.
 */
public final class RunProcessor implements Processor<byte[], byte[], Object, Object> {

  private static final Logger LOG = LoggerFactory.getLogger(RunProcessor.class);

  private final TopologyConfig config;
  private final Deserializer<ExecutionEvent> events;
  private ProcessorContext<Object, Object> context;
  private KeyValueStore<String, RunState> runs;
  private WindowStore<String, Long> eventIds;
  private OpenRuns open;
  private RunEmitter emitter;

  public RunProcessor(final TopologyConfig config) {
    this.config = config;
    this.events = config.serdes().valueSerde(Topics.EVENTS).deserializer();
  }

  @Override
  public void init(final ProcessorContext<Object, Object> context) {
    this.context = context;
    this.runs = context.getStateStore(LineageTopology.RUNS_STORE);
    this.eventIds = context.getStateStore(LineageTopology.EVENT_IDS_STORE);
    this.open = new OpenRuns(context.getStateStore(LineageTopology.OPEN_RUNS_STORE));
    this.emitter = new RunEmitter(context);
    context.schedule(config.stallCheckInterval(), PunctuationType.WALL_CLOCK_TIME, this::stalled);
  }

  @Override
  public void process(final Record<byte[], byte[]> record) {
    final String key =
        record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
    final ExecutionEvent event;
    try {
      if (record.value() == null) {
        throw new MalformedEventException("a record without a value (tombstone) is not an event");
      }
      event = events.deserialize(Topics.EVENTS.name(), record.value());
      final List<FieldError> violations =
          EventContract.violations(event, "", Instant.ofEpochMilli(record.timestamp()));
      if (!violations.isEmpty()) {
        throw new MalformedEventException(describe(violations));
      }
      if (!event.getRun().getRunId().equals(key)) {
        throw new MalformedEventException(
            "record key "
                + key
                + " is not the event's runId "
                + event.getRun().getRunId()
                + ": the events of one run must share a partition");
      }
    } catch (RuntimeException e) {
      deadLetter(record, key, e);
      return;
    }
    if (duplicate(event, record.timestamp())) {
      LOG.debug("duplicate eventId {} of run {} dropped", event.getEventId(), key);
      return;
    }
    accept(record, event);
  }

  private void accept(final Record<byte[], byte[]> record, final ExecutionEvent event) {
    final String runId = event.getRun().getRunId();
    final RunState state = load(runId);
    if (state.getEvents().stream().anyMatch(e -> e.getEventId().equals(event.getEventId()))) {
      return; // older than the dedup window, but still known to the run
    }
    final List<ExecutionEvent> candidate = new ArrayList<>(state.getEvents());
    candidate.add(event);
    final RunFacts facts = RunMerge.merge(candidate);
    // The run-level rules only: a run may gather more than one event may carry (per-event limits).
    final List<FieldError> together =
        EventContract.runViolations(
            facts.getMerged(), "", Instant.ofEpochMilli(record.timestamp()));
    if (!together.isEmpty()) {
      deadLetter(
          record,
          runId,
          new MalformedEventException(
              "inconsistent with the earlier events of run " + runId + ": " + describe(together)));
      return;
    }
    state.setEvents(candidate);
    open.track(facts, state, Instant.ofEpochMilli(context.currentSystemTimeMs()));
    state.setReportedRecipe(
        emitter.emit(withMalformed(facts, state), state.getReportedRecipe(), record.timestamp()));
    runs.put(runId, state);
  }

  private boolean duplicate(final ExecutionEvent event, final long timestamp) {
    final long window = config.dedupWindow().toMillis();
    try (WindowStoreIterator<Long> seen =
        eventIds.fetch(event.getEventId(), timestamp - window, timestamp + window)) {
      if (seen.hasNext()) {
        return true;
      }
    }
    eventIds.put(event.getEventId(), timestamp, timestamp);
    return false;
  }

  /**
   * Dead letter with error headers, a MALFORMED_EVENT alert, and MALFORMED on the run's outputs.
   */
  private void deadLetter(
      final Record<byte[], byte[]> record, final String key, final Exception error) {
    final RecordMetadata at = context.recordMetadata().orElseThrow();
    LOG.warn(
        "malformed event at {}/{}@{} sent to {}: {}",
        at.topic(),
        at.partition(),
        at.offset(),
        Topics.EVENTS_DLQ.name(),
        error.getMessage());
    final RecordHeaders headers = new RecordHeaders(record.headers().toArray());
    DeadLetter.headers(headers, at.topic(), at.partition(), at.offset(), error);
    context.forward(
        new Record<Object, Object>(record.key(), record.value(), record.timestamp(), headers),
        LineageTopology.DLQ_SINK);
    final String runId = validRunId(key);
    final Alert alert =
        Alerts.malformedEvent(
            at.topic(),
            at.partition(),
            at.offset(),
            runId,
            String.valueOf(error.getMessage()),
            Instant.ofEpochMilli(record.timestamp()));
    context.forward(
        new Record<Object, Object>(runId != null ? runId : "unknown", alert, record.timestamp()),
        LineageTopology.RUN_ALERTS_SINK);
    if (runId != null) {
      markMalformed(runId, String.valueOf(error.getMessage()), record.timestamp());
    }
  }

  private void markMalformed(final String runId, final String message, final long timestamp) {
    final RunState state = load(runId);
    final List<String> malformed = new ArrayList<>(state.getMalformed());
    malformed.add(message);
    state.setMalformed(malformed);
    if (!state.getEvents().isEmpty()) {
      state.setReportedRecipe(
          emitter.emit(
              withMalformed(RunMerge.merge(state.getEvents()), state),
              state.getReportedRecipe(),
              timestamp));
    }
    runs.put(runId, state);
  }

  private void stalled(final long now) {
    open.stalledBefore(Instant.ofEpochMilli(now).minus(config.policy().stalledRunAfter()))
        .forEach(
            runId -> {
              final RunState state = runs.get(runId);
              if (state == null || state.getStalled() || state.getEvents().isEmpty()) {
                return;
              }
              final RunFacts facts = RunMerge.merge(state.getEvents());
              if (facts.getEndedAt() != null) {
                return;
              }
              state.setStalled(true);
              runs.put(runId, state);
              final Alert alert =
                  Alerts.runStalled(
                      runId,
                      facts.getMerged().getRun().getStep(),
                      facts.getMerged().getRun().getOwner(),
                      facts.getStartedAt(),
                      Instant.ofEpochMilli(now));
              context.forward(
                  new Record<Object, Object>(runId, alert, now), LineageTopology.RUN_ALERTS_SINK);
            });
  }

  /** The run's state, or a new one with no events yet. */
  private RunState load(final String runId) {
    final RunState stored = runs.get(runId);
    return stored != null
        ? stored
        : new RunState(runId, new ArrayList<>(), new ArrayList<>(), false, null, null);
  }

  private static RunFacts withMalformed(final RunFacts facts, final RunState state) {
    facts.setMalformed(List.copyOf(state.getMalformed()));
    return facts;
  }

  private static String validRunId(final String key) {
    try {
      return key == null ? null : RunId.parse(key).value();
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static String describe(final List<FieldError> errors) {
    return errors.stream()
        .map(e -> e.pointer() + " " + e.message())
        .collect(Collectors.joining("; "));
  }
}
