package dev.lineagegate.testkit;

import dev.lineagegate.registry.RegistryProcess;
import dev.lineagegate.schema.registry.RegistryConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apicurio Registry 2.6 (in-memory storage) as a child JVM bound to 127.0.0.1 on a free port
 * ({@link RegistryProcess}, which also stops it when the test JVM dies). Its Confluent-compatible
 * API is at {@code /apis/ccompat/v7}.
 */
public final class ApicurioRegistry implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ApicurioRegistry.class);
  private static final OncePerJvm<ApicurioRegistry> SHARED =
      new OncePerJvm<>(ApicurioRegistry::startShared);
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

  private final RegistryProcess process;
  private final Duration startTime;

  private ApicurioRegistry(final RegistryProcess process, final Duration startTime) {
    this.process = process;
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
    final int port = freePort();
    final Path log = logFile(port);
    final RegistryProcess process =
        RegistryProcess.start(
            new RegistryProcess.Options(
                ApicurioHome.locate().runnerJar(),
                "127.0.0.1",
                port,
                Optional.empty(),
                log,
                READY_TIMEOUT));
    final Duration took = Duration.ofNanos(System.nanoTime() - begin);
    LOG.info(
        "Apicurio Registry ready at {} in {} ms (log {})", process.baseUrl(), took.toMillis(), log);
    return new ApicurioRegistry(process, took);
  }

  private static ApicurioRegistry startShared() {
    final ApicurioRegistry registry = start();
    Runtime.getRuntime().addShutdownHook(new Thread(registry::close, "apicurio-shutdown"));
    return registry;
  }

  /** The server root, e.g. {@code http://127.0.0.1:41234}. */
  public URI baseUrl() {
    return process.baseUrl();
  }

  /** The Confluent Schema Registry API, what lineage-gate's client is configured with. */
  public URI confluentApiUrl() {
    return process.confluentApiUrl();
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
    process.close();
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
}
