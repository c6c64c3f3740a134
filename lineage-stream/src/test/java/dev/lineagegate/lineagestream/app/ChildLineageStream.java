package dev.lineagegate.lineagestream.app;

import dev.lineagegate.testkit.ApicurioRegistry;
import dev.lineagegate.testkit.Http;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * lineage-stream in a JVM of its own, so that a test can kill it as {@code kill -9} does: no
 * shutdown hook, no commit, no leaving the group, open transactions left behind. Its log goes to
 * {@code log}.
 */
final class ChildLineageStream implements AutoCloseable {

  private final Process process;
  private final URI url;

  private ChildLineageStream(final Process process, final URI url) {
    this.process = process;
    this.url = url;
  }

  /** Starts it and waits (bounded) until its /healthz answers 200. */
  static ChildLineageStream start(
      final StreamStack stack,
      final String applicationId,
      final Path stateDir,
      final Path log,
      final Duration healthyWithin) {
    return start(stack, applicationId, stateDir, log, healthyWithin, Map.of());
  }

  /** As {@link #start}, with more settings ({@code lineage.*} keys, as system properties). */
  static ChildLineageStream start(
      final StreamStack stack,
      final String applicationId,
      final Path stateDir,
      final Path log,
      final Duration healthyWithin,
      final Map<String, String> settings) {
    final int port = freePort();
    final List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx512m");
    command.add("-Dkafka.bootstrap.servers=" + stack.kafka.bootstrapServers());
    command.add("-Dregistry.url=" + ApicurioRegistry.shared().confluentApiUrl());
    command.add("-Dlineage.application-id=" + applicationId);
    command.add("-Dlineage.state-dir=" + stateDir);
    command.add("-Dlineage.http.port=" + port);
    command.add("-Dlineage.commit-interval=PT0.1S");
    command.add("-Dlineage.stall-check-interval=PT1H");
    settings.forEach((key, value) -> command.add("-D" + key + "=" + value));
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(LineageStreamApp.class.getName());
    try {
      final Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
      final ChildLineageStream child =
          new ChildLineageStream(process, URI.create("http://127.0.0.1:" + port));
      child.awaitHealthy(healthyWithin);
      return child;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  URI url() {
    return url;
  }

  /** Waits until /healthz answers 200; fails with the last answer after {@code within}. */
  Duration awaitHealthy(final Duration within) {
    final long begin = System.nanoTime();
    String last = "no answer";
    while (System.nanoTime() - begin < within.toNanos()) {
      if (!process.isAlive()) {
        throw new AssertionError("lineage-stream exited with " + process.exitValue());
      }
      try {
        final Http.Answer answer = Http.get(url, "/healthz");
        if (answer.status() == 200) {
          return Duration.ofNanos(System.nanoTime() - begin);
        }
        last = answer.status() + " " + answer.text();
      } catch (IOException | InterruptedException | RuntimeException e) {
        last = e.toString(); // not listening yet
      }
      sleep(200);
    }
    throw new AssertionError("lineage-stream not healthy within " + within + ": " + last);
  }

  /** As {@code kill -9}: the JVM stops at once, mid-transaction. */
  void kill() {
    process.destroyForcibly();
    await();
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroy();
      await();
    }
  }

  private void await() {
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void sleep(final long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
