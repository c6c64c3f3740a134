package dev.lineagegate.stack;

import dev.lineagegate.config.Settings;
import dev.lineagegate.gate.app.GateApp;
import dev.lineagegate.gate.app.GateConfig;
import dev.lineagegate.ingest.IngestApp;
import dev.lineagegate.ingest.IngestConfig;
import dev.lineagegate.lineagestream.app.LineageStreamApp;
import dev.lineagegate.lineagestream.app.LineageStreamConfig;
import dev.lineagegate.registry.RegistryProcess;
import dev.lineagegate.schema.registry.RegistryConfig;
import dev.lineagegate.schema.registry.SchemaRegistryClient;
import dev.lineagegate.service.PersistentId;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded stack of DESIGN.md §8 in one JVM: a KRaft broker, Apicurio Registry as a child
 * process, the topics and schemas, then ingest, lineage-stream and the gate. Data lives under the
 * data directory (broker log, registry database, state stores, gate keys), so a restart serves the
 * same verdicts and decisions. {@link #close()} stops everything in reverse order.
 */
public final class Stack implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Stack.class);
  private static final Duration REGISTRY_READY = Duration.ofSeconds(120);

  /** The id of the stack on this data directory (ingest's transactional ids). */
  static final String INSTANCE_ID = "instance-id";

  private final StackOptions options;
  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private volatile boolean closed;
  private String bootstrapServers;
  private URI registryUrl;
  private volatile URI webUrl;

  private Stack(final StackOptions options) {
    this.options = options;
  }

  /** Starts everything, reporting each step to {@code progress}; stops what started on failure. */
  public static Stack up(final StackOptions options, final Consumer<String> progress) {
    return prepare(options).start(progress);
  }

  /**
   * Checks the options (ports, data directory, JDK) and starts nothing, so that a caller can
   * arrange for {@link #close} (a shutdown hook) before anything runs.
   */
  public static Stack prepare(final StackOptions options) {
    final var problems = Preflight.problems(options);
    if (!problems.isEmpty()) {
      throw new StackException(problems);
    }
    return new Stack(options);
  }

  /**
   * Starts everything; on failure stops what started and rethrows. {@link #close} may run on
   * another thread meanwhile (Ctrl-C during start-up): what already runs is stopped, what starts
   * later is stopped as soon as it is up, and this throws {@link StoppedException}.
   */
  public Stack start(final Consumer<String> progress) {
    try {
      startAll(progress);
      return this;
    } catch (RuntimeException | Error e) {
      final boolean stopping = closed;
      close();
      // Once closed, any failure is the stop's doing, e.g. Kafka adding a shutdown hook while the
      // JVM shuts down (an ExceptionInInitializerError): report the stop, not that.
      if (stopping && !(e instanceof VirtualMachineError)) {
        throw new StoppedException(e);
      }
      throw e;
    }
  }

  /** Thrown by {@link #start} when {@link #close} was called while it ran. */
  public static final class StoppedException extends RuntimeException {
    StoppedException(final Throwable cause) {
      super("stopped while starting", cause);
    }
  }

  /** Keeps {@code component} to stop it later, or stops it now if the stack was closed. */
  private <T extends AutoCloseable> T keep(final T component) {
    synchronized (started) {
      if (!closed) {
        started.push(component);
        return component;
      }
    }
    closeQuietly(component);
    throw new StoppedException(null);
  }

  private void startAll(final Consumer<String> progress) {
    final Path data = options.dataDir();
    // The registry (a JVM of its own, ~10 s to ready) starts while the broker does.
    progress.accept(
        "starting Kafka (KRaft) on 127.0.0.1:"
            + options.kafkaPort()
            + " and the schema registry on 127.0.0.1:"
            + options.registryPort());
    final long begin = System.nanoTime();
    final CompletableFuture<RegistryProcess> registryStart =
        CompletableFuture.supplyAsync(
            () -> {
              final RegistryProcess started =
                  RegistryProcess.start(
                      new RegistryProcess.Options(
                          ApicurioLocation.runnerJar(),
                          "127.0.0.1",
                          options.registryPort(),
                          Optional.of(data.resolve("registry")),
                          data.resolve("registry.log"),
                          REGISTRY_READY));
              LOG.info("schema registry up in {} ms", millisSince(begin));
              return started;
            });
    final EmbeddedKafka kafka;
    try {
      kafka =
          keep(
              EmbeddedKafka.start(
                  data.resolve("kafka"), options.kafkaPort(), options.controllerPort()));
      LOG.info("Kafka up in {} ms", millisSince(begin));
    } catch (RuntimeException e) {
      registryStart.thenAccept(RegistryProcess::close).exceptionally(ignored -> null).join();
      throw e;
    }
    bootstrapServers = kafka.bootstrapServers();
    final RegistryProcess registry;
    try {
      registry = registryStart.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
    keep(registry);
    registryUrl = registry.confluentApiUrl();
    progress.accept("creating topics and registering schemas (BACKWARD)");
    StackTopics.create(bootstrapServers);
    StackSchemas.register(new SchemaRegistryClient(RegistryConfig.of(registryUrl)));
    LOG.info("topics and schemas ready {} ms after the start", millisSince(begin));
    progress.accept("starting ingest, lineage-stream and gate-service");
    // Together: each needs only Kafka and the registry, and the two Streams services spend much of
    // their start waiting (group join, state restore after an unclean stop), so the gate no
    // longer waits for lineage-stream to be RUNNING before it begins.
    final IngestConfig ingest = IngestConfig.from(settings(IngestConfig.DEFAULTS, ingest()));
    final LineageStreamConfig lineage =
        LineageStreamConfig.from(settings(LineageStreamConfig.DEFAULTS, lineage()));
    webUrl = lineage.publicUrl(options.lineagePort());
    final GateConfig gate = GateConfig.from(settings(GateConfig.DEFAULTS, gate()));
    joinAll(
        List.of(
            startAsync("ingest", () -> IngestApp.start(ingest)),
            startAsync("lineage-stream", () -> LineageStreamApp.start(lineage)),
            startAsync("gate-service", () -> GateApp.start(gate))));
    LOG.info("lineage-gate stack up, data in {}", data);
  }

  private static long millisSince(final long nanos) {
    return (System.nanoTime() - nanos) / 1_000_000;
  }

  /** Starts a component on a thread of its own, keeping it as soon as it is up. */
  private CompletableFuture<AutoCloseable> startAsync(
      final String name, final Supplier<? extends AutoCloseable> start) {
    final CompletableFuture<AutoCloseable> future = new CompletableFuture<>();
    final Thread thread =
        new Thread(
            () -> {
              final long begin = System.nanoTime();
              try {
                future.complete(keep(start.get()));
                LOG.info("{} up in {} ms", name, millisSince(begin));
              } catch (RuntimeException | Error e) {
                future.completeExceptionally(e);
              }
            },
            "lineage-gate-start-" + name);
    thread.start();
    return future;
  }

  /**
   * Waits for every start, also when one fails, so that nothing is still starting when {@link
   * #start} stops what did start; then rethrows the first failure.
   */
  private static void joinAll(final List<CompletableFuture<AutoCloseable>> starts) {
    RuntimeException first = null;
    for (final CompletableFuture<AutoCloseable> start : starts) {
      try {
        start.join();
      } catch (CompletionException e) {
        final Throwable cause = e.getCause();
        if (cause instanceof Error error) {
          throw error;
        }
        if (first == null) {
          first = cause instanceof RuntimeException runtime ? runtime : e;
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }

  private Map<String, String> ingest() {
    final Map<String, String> values = common();
    values.put("ingest.port", Integer.toString(options.ingestPort()));
    values.put("ingest.bridge.topic", StackTopics.OPENLINEAGE_EVENTS);
    // The same transactional ids at every start on this data directory: a batch transaction left
    // open by a killed stack is aborted by the new producer's initTransactions at once, instead of
    // holding lineage-stream (read_committed) at the last stable offset until it times out.
    final String id =
        "lineage-gate-ingest-" + PersistentId.loadOrCreate(options.dataDir().resolve(INSTANCE_ID));
    values.put("ingest.transactional-id-prefix", id);
    // Likewise the OpenLineage bridge's consumer rejoins its group at once as a static member,
    // instead of after the dead member's session timeout.
    values.put("ingest.bridge.group-instance-id", id + "-bridge");
    return values;
  }

  private Map<String, String> lineage() {
    final Map<String, String> values = common();
    values.put("lineage.http.port", Integer.toString(options.lineagePort()));
    values.put("lineage.state-dir", options.dataDir().resolve("lineage-stream").toString());
    options.policy().ifPresent(p -> values.put("lineage.policy-file", p.toString()));
    // The web view's decision panel asks this stack's gate, server side (docs/WEB.md).
    values.put("lineage.gate-url", gateUrl().toString());
    return values;
  }

  private Map<String, String> gate() {
    final Map<String, String> values = common();
    values.put("gate.http.port", Integer.toString(options.gatePort()));
    values.put("gate.state-dir", options.dataDir().resolve("gate-service/state").toString());
    values.put("gate.key-dir", options.dataDir().resolve("gate-service/keys").toString());
    options.policy().ifPresent(p -> values.put("gate.policy-file", p.toString()));
    return values;
  }

  private Map<String, String> common() {
    final Map<String, String> values = new HashMap<>();
    values.put("kafka.bootstrap.servers", bootstrapServers);
    values.put("registry.url", registryUrl.toString());
    return values;
  }

  /**
   * The service's defaults with what the stack decides on top; {@code LINEAGE_GATE_*} variables and
   * system properties still override both, as when the service runs alone.
   */
  private static Settings settings(
      final Map<String, String> defaults, final Map<String, String> stack) {
    final Map<String, String> merged = new HashMap<>(defaults);
    merged.putAll(stack);
    return Settings.merge(merged, null, System.getProperties(), System.getenv());
  }

  public StackOptions options() {
    return options;
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  public URI registryUrl() {
    return registryUrl;
  }

  public URI ingestUrl() {
    return URI.create("http://127.0.0.1:" + options.ingestPort());
  }

  public URI lineageUrl() {
    return URI.create("http://127.0.0.1:" + options.lineagePort());
  }

  public URI gateUrl() {
    return URI.create("http://127.0.0.1:" + options.gatePort());
  }

  /**
   * The web view (lineage-stream's {@code lineage.public-url}, by default its own address), known
   * once the stack has started.
   */
  public URI webUrl() {
    return webUrl != null ? webUrl : lineageUrl();
  }

  /** Stops the services, then the registry, then the broker; each failure is logged, not thrown. */
  @Override
  public void close() {
    synchronized (started) {
      closed = true;
      while (!started.isEmpty()) {
        closeQuietly(started.pop());
      }
    }
  }

  private static void closeQuietly(final AutoCloseable component) {
    try {
      component.close();
    } catch (Exception e) {
      LOG.warn("stopping {} failed: {}", component.getClass().getSimpleName(), e.toString());
    }
  }
}
