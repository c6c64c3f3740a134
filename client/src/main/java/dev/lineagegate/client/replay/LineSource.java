package dev.lineagegate.client.replay;

import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * The lines of one NDJSON file, streamed: a buffer of 64 KiB and the current line, never the file.
 * A gzip file (by its magic bytes, whatever its name) is read through {@link GZIPInputStream}. A
 * line longer than {@code maxLineBytes} is not kept: its bytes are counted and dropped, so one
 * runaway line cannot exhaust memory, and ingest could not take it anyway.
 */
public final class LineSource implements Closeable {

  /** One line: its number (from 1), its bytes without the line end, or null when too long. */
  public record Line(long number, byte[] bytes, long length) {

    public boolean tooLong() {
      return bytes == null;
    }
  }

  private static final int BUFFER = 64 * 1024;

  private final Counting file;
  private final InputStream in;
  private final int maxLineBytes;
  private final byte[] buffer = new byte[BUFFER];
  private int start;
  private int end;
  private byte[] line = new byte[1024];
  private long lineNumber;

  private LineSource(final Counting file, final InputStream in, final int maxLineBytes) {
    this.file = file;
    this.in = in;
    this.maxLineBytes = maxLineBytes;
  }

  /** Opens {@code path}, plain or gzip. */
  public static LineSource open(final Path path, final int maxLineBytes) throws IOException {
    final boolean gzip;
    try (InputStream peek = Files.newInputStream(path)) {
      gzip = peek.read() == 0x1f && peek.read() == 0x8b;
    }
    final Counting file = new Counting(Files.newInputStream(path));
    final InputStream in = gzip ? new GZIPInputStream(file, BUFFER) : file;
    return new LineSource(file, in, maxLineBytes);
  }

  /** Bytes of the file read so far (compressed bytes for gzip): the progress against its size. */
  public long position() {
    return file.count;
  }

  /** The number of the last line read (0 before the first). */
  public long lineNumber() {
    return lineNumber;
  }

  /**
   * Skips to line {@code fromLine} (1-based) without decoding anything: only newlines are counted.
   *
   * @return false when the file has fewer lines than that
   */
  public boolean skipTo(final long fromLine) throws IOException {
    while (lineNumber < fromLine - 1) {
      if (start == end && !fill()) {
        return false;
      }
      final int newline = indexOf(buffer, start, end);
      if (newline < 0) {
        start = end;
      } else {
        start = newline + 1;
        lineNumber++;
      }
    }
    return true;
  }

  /** The next line, or null at the end of the file. A last line without newline counts. */
  public Line next() throws IOException {
    int length = 0;
    long total = 0;
    boolean any = false;
    while (true) {
      if (start == end && !fill()) {
        if (!any) {
          return null;
        }
        break;
      }
      any = true;
      final int newline = indexOf(buffer, start, end);
      final int stop = newline < 0 ? end : newline;
      final int chunk = stop - start;
      if (total + chunk <= maxLineBytes) {
        line = grow(line, length + chunk);
        System.arraycopy(buffer, start, line, length, chunk);
        length += chunk;
      }
      total += chunk;
      start = newline < 0 ? end : newline + 1;
      if (newline >= 0) {
        break;
      }
    }
    lineNumber++;
    if (total > 0 && total <= maxLineBytes && line[length - 1] == '\r') {
      length--;
      total--;
    }
    return new Line(lineNumber, total > maxLineBytes ? null : Arrays.copyOf(line, length), total);
  }

  private boolean fill() throws IOException {
    final int read = in.read(buffer, 0, buffer.length);
    start = 0;
    end = Math.max(read, 0);
    return read > 0;
  }

  private static int indexOf(final byte[] bytes, final int from, final int to) {
    for (int i = from; i < to; i++) {
      if (bytes[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  private static byte[] grow(final byte[] bytes, final int needed) {
    return needed <= bytes.length
        ? bytes
        : Arrays.copyOf(bytes, Math.max(needed, bytes.length * 2));
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  /** Counts the bytes read from the file itself, under any decompression. */
  private static final class Counting extends FilterInputStream {

    private volatile long count;

    Counting(final InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      final int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(final byte[] bytes, final int offset, final int length) throws IOException {
      final int read = super.read(bytes, offset, length);
      if (read > 0) {
        count += read;
      }
      return read;
    }

    @Override
    public long skip(final long n) throws IOException {
      final long skipped = super.skip(n);
      count += skipped;
      return skipped;
    }
  }
}
