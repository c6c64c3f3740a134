package dev.lineagegate.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A real Apicurio Registry 2.6 as a child JVM; its Confluent-compatible API is at {@code
 * /apis/ccompat/v7}. Storage is in-memory H2, or an H2 file under {@code storageDir} that survives
 * restarts (schema ids stay what the topics' records name). The child is stopped when this is
 * closed, and also when this JVM dies without running its shutdown hooks: it runs under a shell
 * that kills it when its standard input, a pipe held by this JVM, reaches end of file.
 */
public final class RegistryProcess implements AutoCloseable {

  public static final String CCOMPAT = "/apis/ccompat/v7";

  /** The runnable jar inside {@code io.apicurio:apicurio-registry-app:2.6.13.Final:tar.gz:all}. */
  public static final String RUNNER = "apicurio-registry-app-2.6.13.Final-runner.jar";

  /**
   * How to run it.
   *
   * @param runnerJar the unpacked {@link #RUNNER}
   * @param host the address it binds to (127.0.0.1 unless deployed otherwise)
   * @param port its HTTP port
   * @param storageDir where its H2 database lives; empty = in memory
   * @param log where its output goes
   * @param readyTimeout how long to wait for {@code /health/ready}
   */
  public record Options(
      Path runnerJar,
      String host,
      int port,
      Optional<Path> storageDir,
      Path log,
      Duration readyTimeout) {}

  private final Process process;
  private final URI baseUrl;
  private final AtomicBoolean closed = new AtomicBoolean();

  private RegistryProcess(final Process process, final URI baseUrl) {
    this.process = process;
    this.baseUrl = baseUrl;
  }

  public static RegistryProcess start(final Options options) {
    final Path runner = options.runnerJar();
    if (!Files.isRegularFile(runner)) {
      throw new IllegalStateException("no Apicurio Registry at " + runner);
    }
    final ProcessBuilder builder = new ProcessBuilder(command(options));
    builder.directory(runner.getParent().toFile());
    builder.redirectErrorStream(true);
    builder.redirectOutput(options.log().toFile());
    // The prod profile reads its JDBC URL from this variable (application.properties of 2.6).
    options
        .storageDir()
        .ifPresent(
            dir ->
                builder
                    .environment()
                    .put(
                        "REGISTRY_DATASOURCE_URL",
                        "jdbc:h2:file:" + dir.toAbsolutePath().resolve("registry")));
    final Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("could not launch Apicurio Registry from " + runner, e);
    }
    final URI baseUrl = URI.create("http://" + options.host() + ":" + options.port());
    try {
      awaitReady(process, baseUrl, options);
    } catch (RuntimeException e) {
      stop(process);
      throw e;
    }
    return new RegistryProcess(process, baseUrl);
  }

  /** The server root, e.g. {@code http://127.0.0.1:8085}. */
  public URI baseUrl() {
    return baseUrl;
  }

  /** The Confluent Schema Registry API, what lineage-gate's client is configured with. */
  public URI confluentApiUrl() {
    return URI.create(baseUrl + CCOMPAT);
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      stop(process);
    }
  }

  /** Stops the whole tree (shell, watcher, registry JVM) and waits until every one is gone. */
  private static void stop(final Process process) {
    final List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
    tree.add(process.toHandle());
    tree.forEach(ProcessHandle::destroy);
    final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    for (final ProcessHandle handle : tree) {
      try {
        final long left = Math.max(0, deadline - System.nanoTime());
        handle.onExit().get(left, TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        handle.destroyForcibly();
      } catch (ExecutionException | TimeoutException e) {
        handle.destroyForcibly(); // H2 commits every write: nothing acknowledged is lost
      }
    }
  }

  private static List<String> command(final Options options) {
    final List<String> java = new ArrayList<>();
    java.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    java.add("-XX:TieredStopAtLevel=1");
    java.add("-XX:+UseSerialGC");
    java.add("-Xmx192m");
    java.add("-Dquarkus.http.host=" + options.host());
    java.add("-Dquarkus.http.port=" + options.port());
    java.add("-Dquarkus.log.level=WARN");
    java.add("-Dquarkus.banner.enabled=false");
    java.add("-jar");
    java.add(options.runnerJar().toString());
    if (!Files.isExecutable(Path.of("/bin/sh"))) {
      return java;
    }
    // Two jobs under one shell: the registry, and a watcher reading the shell's stdin. EOF means
    // this JVM is gone (even killed), and the watcher kills the registry. The shell itself waits
    // for the registry and exits with its status, so that a registry that dies at start is seen
    // at once.
    final List<String> wrapped = new ArrayList<>();
    wrapped.add("/bin/sh");
    wrapped.add("-c");
    wrapped.add(
        "exec 3<&0; \"$@\" 3<&- & child=$!; "
            + "( while read -r _ignored <&3; do :; done; kill $child 2>/dev/null ) & watcher=$!; "
            + "trap 'kill $child 2>/dev/null' INT TERM; "
            + "wait $child; status=$?; kill $watcher 2>/dev/null; exit $status");
    wrapped.add("apicurio");
    wrapped.addAll(java);
    return wrapped;
  }

  private static void awaitReady(final Process process, final URI baseUrl, final Options options) {
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    final HttpRequest ready =
        HttpRequest.newBuilder(URI.create(baseUrl + "/health/ready"))
            .timeout(Duration.ofSeconds(5))
            .build();
    final long deadline = System.nanoTime() + options.readyTimeout().toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "Apicurio Registry exited with "
                + process.exitValue()
                + "; last output:\n"
                + tail(options.log()));
      }
      try {
        if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted waiting for Apicurio Registry", e);
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted waiting for Apicurio Registry", e);
      }
    }
    throw new IllegalStateException(
        "Apicurio Registry not ready within "
            + options.readyTimeout().toSeconds()
            + " s; last output:\n"
            + tail(options.log()));
  }

  private static String tail(final Path log) {
    try {
      final List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(no log at " + log + ")";
    }
  }
}
