package dev.lineagegate.bench;

import dev.lineagegate.client.Digests;
import dev.lineagegate.client.IngestClient;
import dev.lineagegate.client.cli.LineageGateCli;
import dev.lineagegate.stack.Stack;
import dev.lineagegate.stack.StackOptions;
import dev.lineagegate.testkit.GenAiSamples;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import picocli.CommandLine;

/**
 * The import rate of {@code lineage-gate import} (issue #16) on the real embedded stack: images per
 * second through the CLI and ingest, (1) without a models folder, (2) with one whose checkpoint is
 * a sparse file of {@code modelBytes} (hashed once, on the first image), (3) the same again with
 * the hash cache warm. Each phase imports its own copies of the ComfyUI reference image (181 KB, a
 * chunk added so that every copy has its own digest). The model file is deleted at the end.
 *
 * <p>{@code ImportBenchmark [images] [modelBytes]} (defaults 1000, 2 GiB)
 */
public final class ImportBenchmark {

  private ImportBenchmark() {}

  public static void main(final String[] args) throws Exception {
    final int images = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    final long modelBytes = args.length > 1 ? Long.parseLong(args[1]) : 2L * 1024 * 1024 * 1024;
    final Path work = Files.createTempDirectory("lineage-gate-import-bench");
    final int[] ports = freePorts(6);
    final byte[] sample = GenAiSamples.bytes(GenAiSamples.COMFYUI_TWO_LORAS);
    final Path models = work.resolve("models");
    final Path checkpoint = models.resolve("checkpoints/v1-5-pruned-emaonly.ckpt");
    Files.createDirectories(checkpoint.getParent());
    try (RandomAccessFile file = new RandomAccessFile(checkpoint.toFile(), "rw")) {
      file.setLength(modelBytes); // sparse: no disk written, read back as zeros
    }
    try (Stack stack =
        Stack.up(
            new StackOptions(
                work.resolve("data"),
                Optional.empty(),
                ports[0],
                ports[1],
                ports[2],
                ports[3],
                ports[4],
                ports[5]),
            line -> {})) {
      final String url = stack.ingestUrl().toString();
      final String cache = work.resolve("hashes.tsv").toString();
      phase("without --models-dir", images, run(folder(work, "a", sample, images, 0), url));
      final long hashStart = System.nanoTime();
      Digests.file(checkpoint);
      System.out.printf(
          "SHA-256 of the %,d B checkpoint alone: %.2f s%n",
          modelBytes, (System.nanoTime() - hashStart) / 1e9);
      phase(
          "with --models-dir, " + modelBytes + " B checkpoint hashed once",
          images,
          run(
              folder(work, "b", sample, images, images),
              url,
              "--models-dir",
              models.toString(),
              "--hash-cache",
              cache));
      phase(
          "with --models-dir, hash cache warm",
          images,
          run(
              folder(work, "c", sample, images, 2 * images),
              url,
              "--models-dir",
              models.toString(),
              "--hash-cache",
              cache));
    } finally {
      try (Stream<Path> paths = Files.walk(work)) {
        paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private record Timed(long nanos, int exit, String summary) {}

  private static Timed run(final Path folder, final String url, final String... more) {
    final StringWriter err = new StringWriter();
    final CommandLine cli =
        LineageGateCli.commandLine(
            u -> LineageGateCli.sender(IngestClient.builder().baseUrl(u).build()),
            Clock.systemUTC());
    cli.setOut(new PrintWriter(OutputStream.nullOutputStream()));
    cli.setErr(new PrintWriter(err, true));
    final String[] args = new String[3 + more.length];
    args[0] = "import";
    args[1] = folder.toString();
    args[2] = "--ingest-url=" + url;
    System.arraycopy(more, 0, args, 3, more.length);
    final long start = System.nanoTime();
    final int exit = cli.execute(args);
    final long nanos = System.nanoTime() - start;
    final String[] lines = err.toString().strip().split("\n");
    return new Timed(nanos, exit, lines[lines.length - 1]);
  }

  private static void phase(final String what, final int images, final Timed timed) {
    System.out.printf(
        "%-55s %,6d images in %7.2f s = %8.1f images/s (exit %d)%n    %s%n",
        what,
        images,
        timed.nanos() / 1e9,
        images / (timed.nanos() / 1e9),
        timed.exit(),
        timed.summary());
  }

  /**
   * {@code count} copies of {@code sample}, each with a tEXt chunk {@code bench=<n>} after IHDR.
   */
  private static Path folder(
      final Path work, final String name, final byte[] sample, final int count, final int first)
      throws IOException {
    final Path folder = Files.createDirectories(work.resolve(name));
    final int afterIhdr = 8 + 8 + 13 + 4;
    for (int i = 0; i < count; i++) {
      final byte[] text = ("bench\0" + (first + i)).getBytes(StandardCharsets.ISO_8859_1);
      final CRC32 crc = new CRC32();
      crc.update("tEXt".getBytes(StandardCharsets.US_ASCII));
      crc.update(text);
      final ByteBuffer chunk = ByteBuffer.allocate(12 + text.length);
      chunk.putInt(text.length).put("tEXt".getBytes(StandardCharsets.US_ASCII)).put(text);
      chunk.putInt((int) crc.getValue());
      final byte[] copy = new byte[sample.length + chunk.capacity()];
      System.arraycopy(sample, 0, copy, 0, afterIhdr);
      System.arraycopy(chunk.array(), 0, copy, afterIhdr, chunk.capacity());
      System.arraycopy(
          sample, afterIhdr, copy, afterIhdr + chunk.capacity(), sample.length - afterIhdr);
      Files.write(folder.resolve(String.format("ComfyUI_%05d_.png", first + i)), copy);
    }
    return folder;
  }

  private static int[] freePorts(final int count) throws IOException {
    final ServerSocket[] sockets = new ServerSocket[count];
    try {
      final int[] ports = new int[count];
      for (int i = 0; i < count; i++) {
        sockets[i] = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        ports[i] = sockets[i].getLocalPort();
      }
      return ports;
    } finally {
      for (final ServerSocket socket : sockets) {
        if (socket != null) {
          socket.close();
        }
      }
    }
  }
}
