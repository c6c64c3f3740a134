package dev.lineagegate.client.replay;

import dev.lineagegate.client.IngestClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Streams files of events to ingest: one thread reads and classifies lines ({@link LineKind}),
 * native events go in batches ({@link NativeBatch}), OpenLineage events one per request, and at
 * most {@code concurrency} requests are in flight ({@link Sending}). Memory is bounded by the batch
 * size times the in-flight requests plus one batch being filled, whatever the file size. Files are
 * replayed one after the other; each is finished (every request answered) before the next starts,
 * so the point to resume from is always one line of one file.
 */
public final class Replayer {

  /** How the replay ended. */
  public enum Outcome {
    DONE,
    STOPPED,
    UNREACHABLE,
    UNEXPECTED
  }

  /**
   * @param batchSize native events per request, at most ingest's 10,000
   * @param batchBytes bytes per request body, at most ingest's body limit (1 MiB by default)
   * @param concurrency requests in flight
   */
  public record Settings(int batchSize, int batchBytes, int concurrency) {}

  private final Settings settings;
  private final ReplayTally tally;
  private final ExecutorService threads;
  private final Semaphore slots;
  private final Sending sending;
  private volatile boolean stopping;
  private volatile int fileIndex;
  private volatile long nextLine = 1;
  private volatile LineSource current;
  private volatile long doneBytes;
  private volatile long skippedLines;
  private volatile long skippedBytes;

  public Replayer(final IngestClient client, final Settings settings, final ReplayTally tally) {
    this.settings = settings;
    this.tally = tally;
    this.threads =
        Executors.newFixedThreadPool(
            settings.concurrency(),
            task -> {
              final Thread thread = new Thread(task, "replay-sender");
              thread.setDaemon(true);
              return thread;
            });
    this.slots = new Semaphore(settings.concurrency());
    this.sending = new Sending(client, tally);
  }

  /**
   * Replays {@code files} in order, the first from line {@code fromLine}.
   *
   * @throws IOException a file could not be read (what was sent stays sent)
   */
  public Outcome replay(final List<Path> files, final long fromLine) throws IOException {
    try {
      for (int i = 0; i < files.size() && !halted(); i++) {
        fileIndex = i;
        replay(files.get(i), i == 0 ? fromLine : 1);
        drain();
        if (!halted()) {
          doneBytes += Files.size(files.get(i));
          current = null;
          if (i + 1 < files.size()) {
            nextLine = 1;
          }
        }
      }
    } finally {
      drain();
      threads.shutdownNow();
    }
    if (sending.failure() != null) {
      return sending.failure();
    }
    return stopping ? Outcome.STOPPED : Outcome.DONE;
  }

  private void replay(final Path file, final long fromLine) throws IOException {
    final String name = file.toString();
    try (LineSource source = LineSource.open(file, settings.batchBytes())) {
      current = source;
      source.skipTo(fromLine);
      skippedLines += source.lineNumber();
      skippedBytes = doneBytes + source.position();
      nextLine = source.lineNumber() + 1;
      NativeBatch batch = new NativeBatch();
      LineSource.Line line;
      while (!halted() && (line = source.next()) != null) {
        batch = take(name, line, batch);
        nextLine = line.number() + 1;
      }
      if (!halted() && !batch.isEmpty()) {
        submit(batch);
      }
    }
  }

  /** Sends or batches one line; returns the batch being filled. */
  private NativeBatch take(final String file, final LineSource.Line line, final NativeBatch batch) {
    if (line.tooLong()) {
      tally.refuse(tooLong(file, line.number(), line.length()));
      return batch;
    }
    final LineKind.Shape shape = LineKind.of(line.bytes());
    switch (shape.kind()) {
      case BLANK -> tally.blank.incrementAndGet();
      case NOT_JSON -> tally.refuse(local(file, line.number(), Refusal.NOT_JSON, shape.problem()));
      case NOT_AN_EVENT ->
          tally.refuse(local(file, line.number(), Refusal.REFUSED, shape.problem()));
      case OPENLINEAGE -> {
        tally.open(line.number());
        submit(() -> sending.openLineage(file, line.number(), line.bytes()));
      }
      case NATIVE -> {
        return addNative(file, line, shape.eventId(), batch);
      }
    }
    return batch;
  }

  private NativeBatch addNative(
      final String file,
      final LineSource.Line line,
      final String eventId,
      final NativeBatch batch) {
    final int length = line.bytes().length;
    if (length + 2 > settings.batchBytes()) {
      tally.refuse(tooLong(file, line.number(), length + 2));
      return batch;
    }
    NativeBatch filling = batch;
    if (!filling.fits(length, settings.batchSize(), settings.batchBytes())) {
      submit(filling);
      filling = new NativeBatch();
    }
    if (filling.isEmpty()) {
      filling.file(file);
      tally.open(line.number());
    }
    filling.add(line.number(), line.bytes(), eventId);
    if (filling.size() >= settings.batchSize()) {
      submit(filling);
      return new NativeBatch();
    }
    return filling;
  }

  private void submit(final NativeBatch batch) {
    submit(() -> sending.batch(batch));
  }

  private void submit(final Runnable request) {
    try {
      slots.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopping = true;
      return;
    }
    threads.execute(
        () -> {
          try {
            request.run();
          } finally {
            slots.release();
          }
        });
  }

  /** Waits until every request in flight has its answer. */
  private void drain() {
    try {
      slots.acquire(settings.concurrency());
      slots.release(settings.concurrency());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopping = true;
    }
  }

  private boolean halted() {
    return stopping || sending.failure() != null;
  }

  /** Stops reading (Ctrl-C): the requests in flight are answered, nothing new is sent. */
  public void stop() {
    stopping = true;
  }

  /** Waits up to {@code timeout} for the requests in flight; true when none is left. */
  public boolean awaitIdle(final long timeout, final TimeUnit unit) throws InterruptedException {
    if (slots.tryAcquire(settings.concurrency(), timeout, unit)) {
      slots.release(settings.concurrency());
      return true;
    }
    return false;
  }

  /** Why sending stopped, when it failed: ingest's last answer or the connection's error. */
  public String failureMessage() {
    return sending.failureMessage();
  }

  /** Bytes of the files read so far (compressed bytes for gzip), for the progress line. */
  public long bytesRead() {
    final LineSource source = current;
    return doneBytes + (source == null ? 0 : source.position());
  }

  /** Bytes read to skip lines ({@code --from-line}): not sent, so not part of any rate. */
  public long skippedBytes() {
    return skippedBytes;
  }

  /** Lines skipped by {@code --from-line}. */
  public long skippedLines() {
    return skippedLines;
  }

  /** The file (index in the list given) and line from which a replay would resume. */
  public ResumePoint resumePoint() {
    return new ResumePoint(fileIndex, tally.resumeLine(nextLine));
  }

  /** Where to resume: the index of the file in the list given, and its line (from 1). */
  public record ResumePoint(int fileIndex, long line) {}

  private static Refusal tooLong(final String file, final long line, final long bytes) {
    return local(
        file,
        line,
        Refusal.REFUSED,
        "the line is "
            + bytes
            + " bytes (with the array around a native event), over the limit of one request"
            + " (--batch-bytes, ingest's body limit)");
  }

  private static Refusal local(
      final String file, final long line, final String reason, final String detail) {
    return new Refusal(file, line, reason, 0, detail, List.of());
  }
}
