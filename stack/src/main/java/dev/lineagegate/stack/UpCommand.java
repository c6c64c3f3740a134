package dev.lineagegate.stack;

import dev.lineagegate.client.IngestClient;
import dev.lineagegate.schema.id.Digest;
import dev.lineagegate.stack.demo.DemoImport;
import dev.lineagegate.stack.demo.DemoPipeline;
import dev.lineagegate.stack.demo.DemoReport;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lineage-gate up [--demo] [--data-dir D] [--policy FILE]}: the whole stack in this process
 * until Ctrl-C (DESIGN.md §8). With {@code --exit-after-demo} it stops after the demo (tests, CI).
 */
@Command(
    name = "up",
    description = "Run Kafka, the schema registry, ingest, lineage-stream and the gate here.")
public final class UpCommand implements Callable<Integer> {

  static final String POLICY_FILE = "policy.yaml";

  @Option(names = "--data-dir", description = "Where data lives (default: .lineage-gate).")
  private Path dataDir = StackOptions.DEFAULT_DATA_DIR;

  @Option(
      names = "--policy",
      paramLabel = "FILE",
      description = "Policy file (DESIGN.md §7); copied into the data directory and used again.")
  private Path policy;

  @Option(names = "--demo", description = "Run a sample pipeline and print its verdicts.")
  private boolean demo;

  @Option(names = "--exit-after-demo", description = "Stop once the demo has printed.")
  private boolean exitAfterDemo;

  @Option(names = "--kafka-port", defaultValue = "9092")
  private int kafkaPort;

  @Option(names = "--controller-port", defaultValue = "9093")
  private int controllerPort;

  @Option(names = "--registry-port", defaultValue = "8085")
  private int registryPort;

  @Option(names = "--ingest-port", defaultValue = "8080")
  private int ingestPort;

  @Option(names = "--lineage-port", defaultValue = "8081")
  private int lineagePort;

  @Option(names = "--gate-port", defaultValue = "8082")
  private int gatePort;

  private final PrintStream out;

  public UpCommand(final PrintStream out) {
    this.out = out;
  }

  @Override
  public Integer call() {
    final long begin = System.nanoTime();
    final StackOptions options =
        new StackOptions(
            dataDir,
            Optional.empty(),
            kafkaPort,
            controllerPort,
            registryPort,
            ingestPort,
            lineagePort,
            gatePort);
    final Stack stack;
    try {
      stack = Stack.prepare(withPolicy(options));
    } catch (StackException e) {
      e.problems().forEach(p -> out.println("lineage-gate up: " + p));
      return 2;
    }
    // The hook is in place before anything starts: Ctrl-C during start-up stops what is up, and
    // waits (bounded) for the step under way, which the stack then stops as soon as it is up.
    final CountDownLatch starting = new CountDownLatch(1);
    final CountDownLatch stopped = new CountDownLatch(1);
    final Thread hook =
        new Thread(
            () -> {
              out.println("… stopping (services, registry, Kafka)");
              stack.close();
              await(starting, STARTING_STEP);
              out.println("lineage-gate stopped; data kept in " + stack.options().dataDir());
              stopped.countDown();
            },
            "lineage-gate-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      stack.start(line -> out.println("… " + line));
    } catch (Stack.StoppedException e) {
      return 130; // Ctrl-C during start-up: the hook reports the stop
    } catch (RuntimeException e) {
      removeHook(hook);
      throw e;
    } finally {
      starting.countDown();
    }
    banner(stack, Duration.ofNanos(System.nanoTime() - begin));
    if (demo) {
      final long sent = System.nanoTime();
      final IngestClient ingest = IngestClient.builder().baseUrl(stack.ingestUrl()).build();
      final Map<String, Digest> artifacts =
          new LinkedHashMap<>(
              new DemoPipeline(ingest, stack.options().dataDir().resolve("demo")).run());
      final DemoImport comfy = new DemoImport(stack.options().dataDir().resolve("demo/comfyui"));
      artifacts.put("ComfyUI image (imported)", comfy.run(ingest));
      final Duration first =
          new DemoReport(stack.lineageUrl(), stack.gateUrl(), stack.webUrl(), out)
              .print(artifacts, sent, Duration.ofSeconds(90));
      comfy.print(stack.lineageUrl(), out);
      out.printf(
          "%nFirst verdict %d ms after the demo's first event (%d ms after `up` began).%n",
          first.toMillis(), Duration.ofNanos(sent - begin).plus(first).toMillis());
    }
    if (exitAfterDemo) {
      removeHook(hook);
      stack.close();
      return 0;
    }
    out.println("Ctrl-C stops everything.");
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  /** The longest start-up step a Ctrl-C waits for (the registry's start is the longest). */
  private static final Duration STARTING_STEP = Duration.ofSeconds(30);

  private static void await(final CountDownLatch latch, final Duration timeout) {
    try {
      latch.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Removes the hook unless the JVM is already shutting down (then it runs anyway). */
  private static void removeHook(final Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running or about to: it stops the stack
    }
  }

  /**
   * The policy in force: {@code --policy} (copied into the data directory), else the one the data
   * directory remembers, else the demo's for {@code --demo}, else the defaults. Remembering it
   * means a plain {@code up} after {@code up --demo} decides exactly as before.
   */
  private StackOptions withPolicy(final StackOptions options) {
    final Path kept = options.dataDir().resolve(POLICY_FILE);
    try {
      if (policy != null) {
        Files.createDirectories(options.dataDir());
        Files.copy(policy, kept, StandardCopyOption.REPLACE_EXISTING);
      } else if (!Files.exists(kept) && demo) {
        Files.createDirectories(options.dataDir());
        Files.writeString(kept, DemoPipeline.POLICY, StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the policy in " + kept, e);
    }
    if (!Files.exists(kept)) {
      return options;
    }
    return new StackOptions(
        options.dataDir(),
        Optional.of(kept),
        options.kafkaPort(),
        options.controllerPort(),
        options.registryPort(),
        options.ingestPort(),
        options.lineagePort(),
        options.gatePort());
  }

  private void banner(final Stack stack, final Duration took) {
    out.printf(
        "%nlineage-gate is up in %.1f s, data in %s%n",
        took.toMillis() / 1000.0, stack.options().dataDir());
    // First: where a person goes next.
    out.println(
        "  web view         " + stack.webUrl() + "/   lineage, verdicts, decisions, alerts");
    out.println("  kafka            " + stack.bootstrapServers());
    out.println("  schema registry  " + stack.registryUrl());
    out.println(
        "  ingest           " + stack.ingestUrl() + "   POST /v1/events, POST /api/v1/lineage");
    out.println(
        "  lineage queries  "
            + stack.lineageUrl()
            + "   GET /v1/artifacts/{digest}/verdict, /v1/lineage/{digest}");
    out.println("  gate             " + stack.gateUrl() + "   GET /v1/gate/{digest}?target=prod");
    out.println(
        "  policy           "
            + stack.options().policy().map(Path::toString).orElse("defaults (DESIGN.md §7)"));
    out.println("  log              " + stack.options().dataDir().resolve("lineage-gate.log"));
  }
}
