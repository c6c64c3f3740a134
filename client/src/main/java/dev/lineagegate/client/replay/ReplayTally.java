package dev.lineagegate.client.replay;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.lineagegate.schema.json.FieldError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a replay has done so far, shared by the reading thread, the sending threads and the progress
 * line: counts, the first refusals (all of them go to the rejects file when there is one), and the
 * lines still unsettled, from which the line to resume from follows.
 */
public final class ReplayTally {

  final AtomicLong accepted = new AtomicLong();
  final AtomicLong warned = new AtomicLong();
  final AtomicLong refused = new AtomicLong();
  final AtomicLong notJson = new AtomicLong();
  final AtomicLong blank = new AtomicLong();
  final AtomicLong requests = new AtomicLong();

  private final int listed;
  private final Writer rejects;
  private final JsonFactory json = new JsonFactory();
  private final List<Refusal> first = new ArrayList<>();
  private final TreeMap<Long, Integer> unsettled = new TreeMap<>();

  /**
   * @param listed how many refusals to keep for the summary
   * @param rejects where every refusal is written as one JSON line, or null
   */
  public ReplayTally(final int listed, final Writer rejects) {
    this.listed = listed;
    this.rejects = rejects;
  }

  public long accepted() {
    return accepted.get();
  }

  public long warned() {
    return warned.get();
  }

  public long refused() {
    return refused.get();
  }

  public long notJson() {
    return notJson.get();
  }

  public long blank() {
    return blank.get();
  }

  /** Lines that got a verdict: accepted, refused or not JSON. */
  public long settled() {
    return accepted.get() + refused.get() + notJson.get();
  }

  /** The first refusals, in the order they were settled (not always line order: concurrency). */
  public synchronized List<Refusal> firstRefusals() {
    return List.copyOf(first);
  }

  void refuse(final Refusal refusal) {
    (Refusal.NOT_JSON.equals(refusal.reason()) ? notJson : refused).incrementAndGet();
    synchronized (this) {
      if (first.size() < listed) {
        first.add(refusal);
      }
      if (rejects != null) {
        write(refusal);
      }
    }
  }

  /** A unit of work (a line, a batch) from {@code line} on is under way. */
  synchronized void open(final long line) {
    unsettled.merge(line, 1, Integer::sum);
  }

  /** The unit opened at {@code line} got its verdicts. */
  synchronized void settle(final long line) {
    unsettled.computeIfPresent(line, (key, count) -> count == 1 ? null : count - 1);
  }

  /**
   * The first line without a verdict: the first line of the earliest unit still under way, else
   * {@code nextLine}. Everything before it is settled; a unit after it may have been accepted too,
   * and resending it is harmless (ingest's eventIds make the copy a duplicate).
   */
  public synchronized long resumeLine(final long nextLine) {
    return unsettled.isEmpty() ? nextLine : Math.min(unsettled.firstKey(), nextLine);
  }

  private void write(final Refusal refusal) {
    try {
      final JsonGenerator out = json.createGenerator(rejects);
      out.writeStartObject();
      out.writeStringField("file", refusal.file());
      out.writeNumberField("line", refusal.line());
      out.writeStringField("reason", refusal.reason());
      if (refusal.status() > 0) {
        out.writeNumberField("status", refusal.status());
      }
      out.writeStringField("detail", refusal.detail());
      out.writeArrayFieldStart("errors");
      for (final FieldError error : refusal.errors()) {
        out.writeStartObject();
        out.writeStringField("pointer", error.pointer());
        out.writeStringField("detail", error.message());
        out.writeEndObject();
      }
      out.writeEndArray();
      out.writeEndObject();
      out.flush();
      rejects.write('\n');
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the rejects file", e);
    }
  }
}
