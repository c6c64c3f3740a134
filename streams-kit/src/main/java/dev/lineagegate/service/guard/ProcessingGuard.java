package dev.lineagegate.service.guard;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the stream threads of one Kafka Streams instance are doing, for the two things Streams does
 * not do by itself: quarantine a record that kills a thread (Streams replaces the thread, which
 * reads the same record again and dies again, forever), and tell health whether records are still
 * being processed. Shared by the threads; travels to the processors through the Streams properties
 * ({@link #CONFIG}), so that topologies stay pure builders.
 *
 * <p>A record is quarantined once a thread died twice while processing it: the third time it comes,
 * {@link GuardedProcessor} dead-letters it instead of processing it.
 */
public final class ProcessingGuard {

  /** The Streams property holding this instance's guard. */
  public static final String CONFIG = "lineage-gate.processing-guard";

  /** Deaths while processing one record before it is quarantined. */
  public static final int DEATHS_TO_QUARANTINE = 2;

  /** Records whose deaths are remembered; the oldest are forgotten first. */
  private static final int REMEMBERED = 1_000;

  /** Where a record is: its topic, partition and offset. */
  public record Position(String topic, int partition, long offset) {
    @Override
    public String toString() {
      return topic + "/" + partition + "@" + offset;
    }
  }

  /** Why a record is quarantined: how often it killed a thread, and the last error. */
  public record Deaths(int count, String lastError) {}

  private final Map<String, Position> inFlight = new ConcurrentHashMap<>();
  private final Map<Position, Deaths> deaths =
      Collections.synchronizedMap(
          new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(final Map.Entry<Position, Deaths> eldest) {
              return size() > REMEMBERED;
            }
          });
  private final AtomicLong processed = new AtomicLong();
  private final AtomicLong quarantined = new AtomicLong();
  private volatile long lastProgressNanos = System.nanoTime();

  /** The guard in {@code appConfigs}, or null when the instance runs without one (tests). */
  public static ProcessingGuard from(final Map<String, Object> appConfigs) {
    final Object guard = appConfigs.get(CONFIG);
    return guard instanceof ProcessingGuard found ? found : null;
  }

  /** The current thread starts processing the record at {@code position}. */
  void enter(final Position position) {
    inFlight.put(Thread.currentThread().getName(), position);
    lastProgressNanos = System.nanoTime();
  }

  /**
   * Whether the current thread is already in a guarded record: a guarded processor that a guarded
   * parent forwards to is part of the parent's record, not a record of its own.
   */
  boolean inRecord() {
    return inFlight.containsKey(Thread.currentThread().getName());
  }

  /** The current thread finished its record (normally, or with an exception Streams handled). */
  void exit() {
    inFlight.remove(Thread.currentThread().getName());
    processed.incrementAndGet();
  }

  /** Why the record at {@code position} must not be processed again, if it must not. */
  Optional<Deaths> quarantined(final Position position) {
    final Deaths seen = deaths.get(position);
    return seen != null && seen.count() >= DEATHS_TO_QUARANTINE
        ? Optional.of(seen)
        : Optional.empty();
  }

  /** The quarantined record was dead-lettered: it will not come again. */
  void released(final Position position) {
    deaths.remove(position);
    quarantined.incrementAndGet();
  }

  /**
   * The current (stream) thread is dying of {@code error}: the record it was processing, if any,
   * counts one death. Called from the Streams uncaught exception handler, on the dying thread.
   *
   * @return the record it was processing, if any
   */
  public Optional<Position> threadDied(final Throwable error) {
    final Position position = inFlight.remove(Thread.currentThread().getName());
    if (position == null) {
      return Optional.empty();
    }
    deaths.merge(
        position,
        new Deaths(1, String.valueOf(error)),
        (before, now) -> new Deaths(before.count() + 1, now.lastError()));
    return Optional.of(position);
  }

  /** Records processed by this instance since it started. */
  public long processed() {
    return processed.get();
  }

  /** Records dead-lettered because they killed a thread twice. */
  public long quarantinedRecords() {
    return quarantined.get();
  }

  /** Nanoseconds (System.nanoTime) when a record last started processing. */
  public long lastProgressNanos() {
    return lastProgressNanos;
  }
}
