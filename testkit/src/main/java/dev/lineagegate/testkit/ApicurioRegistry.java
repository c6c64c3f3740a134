package dev.lineagegate.testkit;

import dev.lineagegate.schema.registry.RegistryConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apicurio Registry 2.6 (in-memory storage) as a child JVM bound to 127.0.0.1 on a free
 * port; its Confluent-compatible API is at {@code /apis/ccompat/v7}. The child is stopped when this
 * is closed or the test JVM exits, and also when the test JVM dies without running its shutdown
 * hooks: it runs under a shell that kills it when its standard input reaches end of file.
 */
public final class ApicurioRegistry implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ApicurioRegistry.class);
  private static final Once<ApicurioRegistry> SHARED = new Once<>(ApicurioRegistry::startShared);
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
  private static final String CCOMPAT = "/apis/ccompat/v7";

  private final Process process;
  private final URI baseUrl;
  private final Duration startTime;
  private final AtomicBoolean closed = new AtomicBoolean();

  private ApicurioRegistry(final Process process, final URI baseUrl, final Duration startTime) {
    this.process = process;
    this.baseUrl = baseUrl;
    this.startTime = startTime;
  }

  /** Closes the shared instance if this JVM started one (at the end of the test session). */
  static void closeShared() {
    SHARED.ifPresent(ApicurioRegistry::close);
  }

  /** The registry of this test JVM, started on first use and stopped when the JVM exits. */
  public static ApicurioRegistry shared() {
    return SHARED.get();
  }

  /** A new registry of its own; the caller closes it. */
  public static ApicurioRegistry start() {
    final long begin = System.nanoTime();
    final Path runner = ApicurioHome.locate().runnerJar();
    final int port = freePort();
    final Path log = logFile(port);
    final ProcessBuilder builder = new ProcessBuilder(command(runner, port));
    builder.directory(runner.getParent().toFile());
    builder.redirectErrorStream(true);
    builder.redirectOutput(log.toFile());
    final Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("could not launch Apicurio Registry from " + runner, e);
    }
    final URI baseUrl = URI.create("http://127.0.0.1:" + port);
    try {
      awaitReady(process, baseUrl, log);
    } catch (RuntimeException e) {
      stop(process);
      throw e;
    }
    final Duration took = Duration.ofNanos(System.nanoTime() - begin);
    LOG.info("Apicurio Registry ready at {} in {} ms (log {})", baseUrl, took.toMillis(), log);
    return new ApicurioRegistry(process, baseUrl, took);
  }

  private static ApicurioRegistry startShared() {
    final ApicurioRegistry registry = start();
    Runtime.getRuntime().addShutdownHook(new Thread(registry::close, "apicurio-shutdown"));
    return registry;
  }

  /** The server root, e.g. {@code http://127.0.0.1:41234}. */
  public URI baseUrl() {
    return baseUrl;
  }

  /** The Confluent Schema Registry API, what lineage-gate's client is configured with. */
  public URI confluentApiUrl() {
    return URI.create(baseUrl + CCOMPAT);
  }

  /** Client settings for this registry: defaults, but quick retries. */
  public RegistryConfig registryConfig() {
    return RegistryConfig.of(confluentApiUrl()).withRetries(3, Duration.ofMillis(100));
  }

  /** How long launch + ready took. */
  public Duration startTime() {
    return startTime;
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
    final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    for (final ProcessHandle handle : tree) {
      try {
        final long left = Math.max(0, deadline - System.nanoTime());
        handle.onExit().get(left, TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        handle.destroyForcibly();
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        handle.destroyForcibly(); // in-memory storage: nothing to lose by not waiting longer
      }
    }
  }

  private static List<String> command(final Path runner, final int port) {
    final List<String> java = new ArrayList<>();
    java.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    java.add("-XX:TieredStopAtLevel=1");
    java.add("-XX:+UseSerialGC");
    java.add("-Xmx192m");
    java.add("-Dquarkus.http.host=127.0.0.1");
    java.add("-Dquarkus.http.port=" + port);
    java.add("-Dquarkus.log.level=WARN");
    java.add("-Dquarkus.banner.enabled=false");
    java.add("-jar");
    java.add(runner.toString());
    if (!Files.isExecutable(Path.of("/bin/sh"))) {
      return java;
    }
    // Two jobs under one shell: the registry, and a watcher reading the shell's stdin, a pipe
    // held by this JVM. EOF means this JVM is gone (even killed), and the watcher kills the
    // registry. The shell itself waits for the registry and exits with its status, so that a
    // registry that dies at start is seen at once.
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

  private static void awaitReady(final Process process, final URI baseUrl, final Path log) {
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    final HttpRequest ready =
        HttpRequest.newBuilder(URI.create(baseUrl + "/health/ready"))
            .timeout(Duration.ofSeconds(5))
            .build();
    final long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "Apicurio Registry exited with "
                + process.exitValue()
                + "; last output:\n"
                + tail(log));
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
      sleep(Duration.ofMillis(200));
    }
    throw new IllegalStateException(
        "Apicurio Registry not ready within "
            + READY_TIMEOUT.toSeconds()
            + " s; last output:\n"
            + tail(log));
  }

  private static String tail(final Path log) {
    try {
      final List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(no log at " + log + ")";
    }
  }

  private static Path logFile(final int port) {
    try {
      final Path dir = Path.of(System.getProperty("lineagegate.test.workdir", "target"));
      Files.createDirectories(dir);
      return dir.resolve("apicurio-" + port + ".log");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on 127.0.0.1", e);
    }
  }

  private static void sleep(final Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
