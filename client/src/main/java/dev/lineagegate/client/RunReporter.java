package dev.lineagegate.client;

import dev.lineagegate.avro.CheckResult;
import dev.lineagegate.avro.CheckSeverity;
import dev.lineagegate.avro.CostInfo;
import dev.lineagegate.avro.ErrorInfo;
import dev.lineagegate.avro.EventType;
import dev.lineagegate.avro.ExecutionEvent;
import dev.lineagegate.avro.OutputArtifact;
import dev.lineagegate.schema.id.Digest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Produces the START, COMPLETE and FAIL events of one run (§3) from its {@link RunSpec} and the
 * outcome declared through {@link RunContext}. Every event gets a fresh eventId and the spec's
 * runId, and repeats the whole spec, so that a COMPLETE arriving before its START still carries the
 * run's metadata; outputs, checks and cost go only on COMPLETE and FAIL. Safe to use from several
 * threads.
 */
public final class RunReporter implements RunContext {

  /** A stack trace longer than this is cut: an event must stay far below ingest's body limit. */
  static final int MAX_STACK_TRACE_CHARS = 32 * 1024;

  private final RunSpec spec;
  private final List<OutputArtifact> outputs = new ArrayList<>();
  private final List<CheckResult> checks = new ArrayList<>();
  private CostInfo cost;
  private Clock clock = Clock.systemUTC();
  private Supplier<String> eventIds = () -> UUID.randomUUID().toString();
  private Instant startedAt;

  private RunReporter(final RunSpec spec) {
    this.spec = Objects.requireNonNull(spec);
  }

  public static RunReporter of(final RunSpec spec) {
    return new RunReporter(spec);
  }

  /** The clock of event times and of the measured duration; the system's UTC clock by default. */
  public synchronized RunReporter clock(final Clock clock) {
    this.clock = Objects.requireNonNull(clock);
    return this;
  }

  /** Where eventIds come from; random UUIDs by default (tests give fixed ones). */
  public synchronized RunReporter eventIds(final Supplier<String> eventIds) {
    this.eventIds = Objects.requireNonNull(eventIds);
    return this;
  }

  @Override
  public String runId() {
    return spec.runId();
  }

  @Override
  public RunReporter output(final String name, final Path path) {
    final Digests.Hashed hashed = Digests.hash(path);
    return output(name, hashed.digest(), hashed.sizeBytes());
  }

  @Override
  public synchronized RunReporter output(
      final String name, final Digest digest, final Long sizeBytes) {
    outputs.add(
        OutputArtifact.newBuilder()
            .setName(named(name, "an output"))
            .setDigest(RunSpec.text(digest))
            .setSizeBytes(sizeBytes)
            .build());
    return this;
  }

  @Override
  public RunReporter check(final String name, final boolean passed) {
    return check(name, passed, CheckSeverity.ERROR, null);
  }

  @Override
  public synchronized RunReporter check(
      final String name,
      final boolean passed,
      final CheckSeverity severity,
      final String observed) {
    checks.add(
        CheckResult.newBuilder()
            .setName(named(name, "a check"))
            .setPassed(passed)
            .setSeverity(Objects.requireNonNull(severity, "a check needs a severity"))
            .setObserved(observed)
            .build());
    return this;
  }

  @Override
  public synchronized RunReporter cost(
      final Long durationMs, final Double cpuSeconds, final Double gpuSeconds, final Long tokens) {
    this.cost =
        CostInfo.newBuilder()
            .setDurationMs(durationMs)
            .setCpuSeconds(cpuSeconds)
            .setGpuSeconds(gpuSeconds)
            .setTokens(tokens)
            .build();
    return this;
  }

  /** The START event; its time starts the measured duration. */
  public synchronized ExecutionEvent start() {
    final ExecutionEvent event = event(EventType.START, null);
    startedAt = event.getEventTime();
    return event;
  }

  /** The COMPLETE event, with the outputs, checks and cost declared. */
  public synchronized ExecutionEvent complete() {
    return event(EventType.COMPLETE, null);
  }

  /** The FAIL event; {@code error} is the throwable's message, class and stack trace. */
  public synchronized ExecutionEvent fail(final Throwable error) {
    final String message = error.getMessage();
    return fail(
        message == null ? error.getClass().getName() : message,
        error.getClass().getName(),
        stackTrace(error));
  }

  /**
   * The FAIL event, with an error described by hand.
   *
   * @param message why it failed; null for a FAIL event without {@code error}
   * @param type the kind of error (an exception class, an exit code); null when unknown
   * @param stackTrace null when none
   */
  public synchronized ExecutionEvent fail(
      final String message, final String type, final String stackTrace) {
    final ErrorInfo error =
        message == null
            ? null
            : ErrorInfo.newBuilder()
                .setMessage(message)
                .setType(type)
                .setStackTrace(stackTrace)
                .build();
    return event(EventType.FAIL, error);
  }

  private ExecutionEvent event(final EventType type, final ErrorInfo error) {
    final Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    final ExecutionEvent.Builder event =
        spec.template().setEventId(eventIds.get()).setEventType(type).setEventTime(now);
    if (type != EventType.START) {
      event
          .setOutputs(
              outputs.stream()
                  .map(o -> OutputArtifact.newBuilder(o).build())
                  .collect(Collectors.toCollection(ArrayList::new)))
          .setChecks(
              checks.stream()
                  .map(c -> CheckResult.newBuilder(c).build())
                  .collect(Collectors.toCollection(ArrayList::new)))
          .setCost(cost(now))
          .setError(error);
    }
    return event.build();
  }

  /** The declared cost; the duration, unless declared, is measured from this reporter's START. */
  private CostInfo cost(final Instant now) {
    if (startedAt == null || (cost != null && cost.getDurationMs() != null)) {
      return cost == null ? null : CostInfo.newBuilder(cost).build();
    }
    return (cost == null ? CostInfo.newBuilder() : CostInfo.newBuilder(cost))
        .setDurationMs(Duration.between(startedAt, now).toMillis())
        .build();
  }

  private static String named(final String name, final String what) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException(what + " needs a name");
    }
    return name;
  }

  private static String stackTrace(final Throwable error) {
    final StringWriter text = new StringWriter();
    error.printStackTrace(new PrintWriter(text));
    final String trace = text.toString();
    return trace.length() <= MAX_STACK_TRACE_CHARS
        ? trace
        : trace.substring(0, MAX_STACK_TRACE_CHARS)
            + "\n\t... (cut at "
            + MAX_STACK_TRACE_CHARS
            + " characters)";
  }
}
