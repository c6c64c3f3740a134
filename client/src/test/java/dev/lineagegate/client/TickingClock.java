package dev.lineagegate.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A clock that reads {@code start} first, then one {@code tick} later at each read. */
final class TickingClock extends Clock {

  private final AtomicReference<Instant> next;
  private final Duration tick;

  TickingClock(final Instant start, final Duration tick) {
    this.next = new AtomicReference<>(start);
    this.tick = tick;
  }

  @Override
  public Instant instant() {
    return next.getAndUpdate(now -> now.plus(tick));
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(final ZoneId zone) {
    throw new UnsupportedOperationException("a test clock stays in UTC");
  }
}
