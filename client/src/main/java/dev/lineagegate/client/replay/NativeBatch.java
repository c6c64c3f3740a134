package dev.lineagegate.client.replay;

import java.util.ArrayList;
import java.util.List;

/**
 * Native events gathered for one {@code POST /v1/events}: at most {@code maxEvents} events and
 * {@code maxBytes} of body ({@code [}, the events, the commas, {@code ]}), ingest's two limits.
 * Lines need not be consecutive: in a mixed file, OpenLineage lines go their own way.
 */
public final class NativeBatch {

  private final List<Long> lines = new ArrayList<>();
  private final List<byte[]> events = new ArrayList<>();
  private final List<String> eventIds = new ArrayList<>();
  private long bodyBytes = 2;
  private String file = "";

  /** The body of {@code events}: the array's brackets, the events and the commas between them. */
  public static long bodyBytes(final List<byte[]> events) {
    long bytes = 2 + Math.max(0, events.size() - 1);
    for (final byte[] event : events) {
      bytes += event.length;
    }
    return bytes;
  }

  /** True when an event of {@code length} bytes can join without passing either limit. */
  public boolean fits(final int length, final int maxEvents, final long maxBytes) {
    return events.size() < maxEvents && bodyBytes + length + (events.isEmpty() ? 0 : 1) <= maxBytes;
  }

  public void add(final long line, final byte[] event, final String eventId) {
    bodyBytes += event.length + (events.isEmpty() ? 0 : 1);
    lines.add(line);
    events.add(event);
    eventIds.add(eventId);
  }

  /** The file the lines come from, as named on the command line. */
  public String file() {
    return file;
  }

  public void file(final String name) {
    this.file = name;
  }

  public boolean isEmpty() {
    return events.isEmpty();
  }

  public int size() {
    return events.size();
  }

  public long bodyBytes() {
    return bodyBytes;
  }

  public long firstLine() {
    return lines.get(0);
  }

  public List<Long> lines() {
    return lines;
  }

  public List<byte[]> events() {
    return events;
  }

  public List<String> eventIds() {
    return eventIds;
  }

  /** The events at {@code indexes} (in order), as a new batch. */
  public NativeBatch subset(final List<Integer> indexes) {
    final NativeBatch part = new NativeBatch();
    part.file(file);
    indexes.forEach(i -> part.add(lines.get(i), events.get(i), eventIds.get(i)));
    return part;
  }
}
