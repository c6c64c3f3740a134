package dev.lineagegate.lineagestream.run;

import dev.lineagegate.avro.Alert;
import dev.lineagegate.avro.ExecutionEvent;
import dev.lineagegate.avro.graph.RunFacts;
import dev.lineagegate.avro.graph.RunState;
import dev.lineagegate.lineagestream.TopologyConfig;
import dev.lineagegate.lineagestream.TopologyNames;
import dev.lineagegate.lineagestream.rules.Alerts;
import dev.lineagegate.lineagestream.rules.RunTimes;
import dev.lineagegate.schema.DeadLetter;
import dev.lineagegate.schema.Topics;
import dev.lineagegate.schema.contract.EventContract;
import dev.lineagegate.schema.id.RunId;
import dev.lineagegate.schema.json.FieldError;
import dev.lineagegate.service.state.StateLimitException;
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
 * drops duplicate eventIds, folds each into the run's bounded picture ({@link RunFold}), and tells
 * the graph what the run consumed and produced. An event that would take the run past what it may
 * keep ({@link RunLimits}, the store's byte bound) is dead-lettered with a STATE_LIMIT alert and
 * the run's outputs get STATE_LIMIT: no record too large for the broker is ever written. A
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
    this.runs = context.getStateStore(TopologyNames.RUNS_STORE);
    this.eventIds = context.getStateStore(TopologyNames.EVENT_IDS_STORE);
    this.open = new OpenRuns(context.getStateStore(TopologyNames.OPEN_RUNS_STORE));
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
      deadLetter(record, key, e, true);
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
    if (state.getPicture() != null) {
      final String step = state.getPicture().getMerged().getRun().getStep();
      if (!step.equals(event.getRun().getStep())) {
        // A producer bug seen in real traffic (DESIGN.md §3): two jobs are not merged into one
        // run, and the run that had the runId first is left as it was.
        deadLetter(
            record,
            runId,
            new MalformedEventException(
                "runId "
                    + runId
                    + " is already used by step "
                    + step
                    + "; this event is of step "
                    + event.getRun().getStep()
                    + ": each run of a step needs its own runId"),
            false);
        return;
      }
    }
    final RunState candidate = RunFold.fold(state, event);
    final RunFacts facts = RunFold.facts(candidate);
    // The run-level rules only: a run may gather more than one event may carry (per-event limits).
    final List<FieldError> together =
        EventContract.runViolations(
            facts.getMerged(), "", Instant.ofEpochMilli(record.timestamp()));
    if (!together.isEmpty()) {
      deadLetter(
          record,
          runId,
          new MalformedEventException(
              "inconsistent with the earlier events of run " + runId + ": " + describe(together)),
          true);
      return;
    }
    try {
      final String over = RunLimits.exceeded(runId, candidate.getPicture());
      if (over != null) {
        throw new StateLimitException("run " + runId, over);
      }
      store(candidate, record.timestamp());
    } catch (StateLimitException e) {
      stateLimit(record, event, state, e);
    }
  }

  /**
   * Stores {@code state}, then tells the graph: nothing is sent for a state the store refused
   * ({@link StateLimitException}, thrown by the store's serde before anything is written).
   */
  private void store(final RunState state, final long timestamp) {
    final RunFacts facts = RunFold.facts(state);
    final Runnable openRuns =
        open.track(facts, state, Instant.ofEpochMilli(context.currentSystemTimeMs()));
    final RunEmitter.Plan plan = emitter.plan(annotated(facts, state), state.getReportedRecipe());
    state.setReportedRecipe(plan.reporting());
    runs.put(state.getRunId(), state);
    if (openRuns != null) {
      openRuns.run();
    }
    emitter.send(plan, timestamp);
  }

  /**
   * An event the run cannot keep: to the dead-letter topic with a STATE_LIMIT alert. The run keeps
   * what it had, plus what the event says it produced when that still fits, and is marked, so that
   * every output it is known for carries STATE_LIMIT. Every other run goes on.
   */
  private void stateLimit(
      final Record<byte[], byte[]> record,
      final ExecutionEvent event,
      final RunState state,
      final StateLimitException error) {
    final RecordMetadata at = context.recordMetadata().orElseThrow();
    final String runId = state.getRunId();
    LOG.warn(
        "event {} of run {} at {}/{}@{} sent to {}: {}",
        event.getEventId(),
        runId,
        at.topic(),
        at.partition(),
        at.offset(),
        Topics.EVENTS_DLQ.name(),
        error.getMessage());
    forwardDeadLetter(record, at, error);
    final Alert alert =
        Alerts.stateLimit(
            at.topic(),
            at.partition(),
            at.offset(),
            runId,
            event.getRun().getStep(),
            event.getRun().getOwner(),
            error.getMessage(),
            Instant.ofEpochMilli(record.timestamp()));
    context.forward(
        new Record<Object, Object>(runId, alert, record.timestamp()),
        TopologyNames.RUN_ALERTS_SINK);
    final RunState marked = RunFold.fold(state, RunLimits.skeleton(event));
    marked.setStateLimit(error.getMessage());
    if (RunLimits.exceeded(runId, marked.getPicture()) == null
        && stored(marked, record.timestamp())) {
      return;
    }
    if (!stored(
        RunState.newBuilder(state).setStateLimit(error.getMessage()).build(), record.timestamp())) {
      LOG.error("run {} could not be marked STATE_LIMIT; its earlier state is kept", runId);
    }
  }

  /** Stores and announces {@code state}; false when even that is more than the store keeps. */
  private boolean stored(final RunState state, final long timestamp) {
    try {
      if (RunFold.hasEvents(state)) {
        store(state, timestamp);
      } else {
        runs.put(state.getRunId(), state);
      }
      return true;
    } catch (StateLimitException e) {
      return false;
    }
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
   * Dead letter with error headers, a MALFORMED_EVENT alert, and (when {@code markRun}) MALFORMED
   * on the run's outputs.
   */
  private void deadLetter(
      final Record<byte[], byte[]> record,
      final String key,
      final Exception error,
      final boolean markRun) {
    final RecordMetadata at = context.recordMetadata().orElseThrow();
    LOG.warn(
        "malformed event at {}/{}@{} sent to {}: {}",
        at.topic(),
        at.partition(),
        at.offset(),
        Topics.EVENTS_DLQ.name(),
        error.getMessage());
    forwardDeadLetter(record, at, error);
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
        TopologyNames.RUN_ALERTS_SINK);
    if (runId != null && markRun) {
      markMalformed(runId, String.valueOf(error.getMessage()), record.timestamp());
    }
  }

  private void forwardDeadLetter(
      final Record<byte[], byte[]> record, final RecordMetadata at, final Exception error) {
    final RecordHeaders headers = new RecordHeaders(record.headers().toArray());
    DeadLetter.headers(headers, at.topic(), at.partition(), at.offset(), error);
    context.forward(
        new Record<Object, Object>(record.key(), record.value(), record.timestamp(), headers),
        TopologyNames.DLQ_SINK);
  }

  /** The run's outputs get MALFORMED: the run keeps the first few messages and counts them all. */
  private void markMalformed(final String runId, final String message, final long timestamp) {
    final RunState state = load(runId);
    state.setMalformed(RunLimits.withMalformed(state.getMalformed(), message));
    state.setMalformedCount(state.getMalformedCount() + 1);
    if (!stored(state, timestamp)) {
      LOG.error("run {} could not be marked MALFORMED; its earlier state is kept", runId);
    }
  }

  private void stalled(final long now) {
    open.stalledBefore(Instant.ofEpochMilli(now).minus(config.policy().stalledRunAfter()))
        .forEach(
            runId -> {
              final RunState stored = runs.get(runId);
              if (stored == null || stored.getStalled() || !RunFold.hasEvents(stored)) {
                return;
              }
              final RunState state = RunFold.migrate(stored);
              final RunFacts facts = RunFold.facts(state);
              if (facts.getEndedAt() != null) {
                return;
              }
              state.setStalled(true);
              runs.put(runId, state);
              final Alert alert =
                  RunTimes.streaming(facts)
                      ? Alerts.heartbeatMissed(
                          runId,
                          facts.getMerged().getRun().getStep(),
                          facts.getMerged().getRun().getOwner(),
                          state.getOpenSince(),
                          Instant.ofEpochMilli(now))
                      : Alerts.runStalled(
                          runId,
                          facts.getMerged().getRun().getStep(),
                          facts.getMerged().getRun().getOwner(),
                          facts.getStartedAt(),
                          Instant.ofEpochMilli(now));
              context.forward(
                  new Record<Object, Object>(runId, alert, now), TopologyNames.RUN_ALERTS_SINK);
            });
  }

  /** The run's state (a state of the previous version folded), or a new one with no event yet. */
  private RunState load(final String runId) {
    final RunState stored = runs.get(runId);
    return stored != null
        ? RunFold.migrate(stored)
        : RunState.newBuilder()
            .setRunId(runId)
            .setEvents(new ArrayList<>())
            .setMalformed(new ArrayList<>())
            .setStalled(false)
            .build();
  }

  /** The facts with what the run's state adds: dead-lettered events and a hit limit. */
  private static RunFacts annotated(final RunFacts facts, final RunState state) {
    facts.setMalformed(List.copyOf(state.getMalformed()));
    facts.setStateLimit(state.getStateLimit());
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
