package dev.lineagegate.schema.contract;

import java.time.Instant;

/**
 * How large one event may be, field by field and whole (docs/INGEST.md, "Limits"). Any event within
 * them can be processed downstream: the record on {@code lineage.events.v1} stays far below the
 * broker's message size, and what lineage-stream derives from it (graph messages, run state) has
 * room too. {@link EventContract} enforces them, so ingest refuses an event over a limit with 400
 * and the topology dead-letters one that reached the topic another way.
 *
 * <p>Lengths are in characters as Java counts them (UTF-16 code units, as JavaScript does too); the
 * whole-event limit is in bytes, estimated by {@link EventContract#estimatedSize}.
 */
public final class EventLimits {

  /** inputs[].name, outputs[].name. */
  public static final int ARTIFACT_NAME = 1_024;

  /** run.step, run.pipeline, run.owner. */
  public static final int RUN_NAME = 512;

  /** eventId and run.runId: the runId is a Kafka key (see {@code RunId}). */
  public static final int IDENTIFIER = 256;

  /** producer, code.repository, environment.image: URIs. */
  public static final int URI = 2_048;

  /** code.version: a commit hash or a tag. */
  public static final int CODE_VERSION = 256;

  public static final int ERROR_MESSAGE = 4_096;
  public static final int ERROR_TYPE = 256;
  public static final int STACK_TRACE = 32_768;

  public static final int CHECK_NAME = 512;
  public static final int CHECK_OBSERVED = 1_024;

  /** Entries of each map: config.parameters, environment.tools, .hardware, .variables. */
  public static final int MAP_ENTRIES = 128;

  public static final int MAP_KEY = 256;
  public static final int MAP_VALUE = 2_048;

  public static final int INPUTS = 256;
  public static final int OUTPUTS = 256;
  public static final int CHECKS = 256;

  /** The whole event, as {@link EventContract#estimatedSize} counts it: 256 KiB. */
  public static final int EVENT_BYTES = 256 * 1024;

  /**
   * The earliest time an event may carry. Times are written with four-digit years (RFC 3339), so
   * every one fits Avro's timestamp-millis (a long) with room to spare.
   */
  public static final Instant EARLIEST_TIME = Instant.parse("0000-01-01T00:00:00Z");

  /** The latest time an event may carry (the 5-minute future rule applies on top). */
  public static final Instant LATEST_TIME = Instant.parse("9999-12-31T23:59:59.999Z");

  private EventLimits() {}
}
