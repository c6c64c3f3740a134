package dev.lineagegate.client.cli;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/** The flags of {@code emit start|complete|fail}: one per field of DESIGN.md §3. */
final class EmitOptions {

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help.")
  boolean help;

  @Option(
      names = "--ingest-url",
      paramLabel = "URL",
      description =
          "Ingest base URL (default: $LINEAGE_GATE_INGEST_URL, else http://127.0.0.1:8080).")
  URI ingestUrl;

  @Option(
      names = "--from-json",
      paramLabel = "FILE",
      description =
          "A partial native event giving defaults (seed, config, environment, ...);"
              + " its eventId, eventType and eventTime are ignored. Flags win.")
  Path fromJson;

  @Option(
      names = "--run-id",
      description = "The run's id; generated (and printed on stdout) if absent.")
  String runId;

  @Option(names = "--event-id", description = "The event's id (idempotency key); a UUID if absent.")
  String eventId;

  @Option(
      names = "--event-time",
      paramLabel = "TIME",
      converter = TimeConverter.class,
      description = "ISO-8601 with zone, e.g. 2026-11-22T10:00:00Z; now if absent.")
  Instant eventTime;

  @Option(names = "--pipeline", description = "The pipeline the step belongs to.")
  String pipeline;

  @Option(names = "--step", required = true, description = "The step of the pipeline (required).")
  String step;

  @Option(names = "--owner", description = "Who answers for the run (team or person).")
  String owner;

  @Option(names = "--attempt", description = "Which attempt of the step this run is, from 1.")
  Integer attempt;

  @Option(names = "--code-repo", paramLabel = "URL", description = "The code's repository.")
  String codeRepo;

  @Option(
      names = "--code-version",
      paramLabel = "VERSION",
      description = "The code's version, e.g. a commit id.")
  String codeVersion;

  @Option(
      names = "--dirty",
      arity = "0..1",
      fallbackValue = "true",
      paramLabel = "BOOL",
      description = "The working tree had uncommitted changes (--dirty or --dirty=false).")
  Boolean dirty;

  @Option(
      names = "--config-digest",
      paramLabel = "sha256:HEX",
      description = "Digest of the configuration.")
  String configDigest;

  @Option(
      names = "--param",
      paramLabel = "KEY=VALUE",
      description = "A config parameter; repeatable.")
  Map<String, String> params = new LinkedHashMap<>();

  @Option(names = "--seed", description = "The random seed.")
  Long seed;

  @Option(
      names = "--env-digest",
      paramLabel = "sha256:HEX",
      description = "Digest of the environment.")
  String envDigest;

  @Option(names = "--image", description = "The container image, ideally by digest.")
  String image;

  @Option(names = "--lockfile", description = "The dependency lock file, usually its digest.")
  String lockfile;

  @Option(names = "--tool", paramLabel = "NAME=VERSION", description = "Repeatable.")
  Map<String, String> tools = new LinkedHashMap<>();

  @Option(names = "--hw", paramLabel = "KEY=VALUE", description = "Hardware; repeatable.")
  Map<String, String> hardware = new LinkedHashMap<>();

  @Option(
      names = "--env-var",
      paramLabel = "NAME=VALUE",
      description = "An environment variable that matters; repeatable.")
  Map<String, String> variables = new LinkedHashMap<>();

  @Option(
      names = "--input",
      paramLabel = "NAME=PATH",
      description = "An input, hashed (a file, or a directory tree); repeatable.")
  Map<String, Path> inputs = new LinkedHashMap<>();

  @Option(names = "--input-digest", paramLabel = "NAME=sha256:HEX", description = "Repeatable.")
  Map<String, String> inputDigests = new LinkedHashMap<>();

  @Option(
      names = "--produced-at",
      paramLabel = "NAME=TIME",
      description =
          "When the input NAME was produced (ISO-8601 with zone), for freshness; repeatable.")
  Map<String, String> producedAt = new LinkedHashMap<>();

  @Option(
      names = "--output",
      paramLabel = "NAME=PATH",
      description = "An output, hashed with its size; repeatable. Not on start.")
  Map<String, Path> outputs = new LinkedHashMap<>();

  @Option(
      names = "--output-digest",
      paramLabel = "NAME=sha256:HEX",
      description = "Repeatable. Not on start.")
  Map<String, String> outputDigests = new LinkedHashMap<>();

  @Option(names = "--duration-ms", description = "Not on start.")
  Long durationMs;

  @Option(names = "--cpu-seconds", description = "Not on start.")
  Double cpuSeconds;

  @Option(names = "--gpu-seconds", description = "Not on start.")
  Double gpuSeconds;

  @Option(names = "--tokens", description = "Not on start.")
  Long tokens;

  @Option(
      names = "--check",
      paramLabel = "NAME=pass|fail[:ERROR|WARNING[:OBSERVED]]",
      description = "A check result, e.g. auc>=0.8=pass:ERROR:0.83; repeatable. Not on start.")
  List<String> checks = new ArrayList<>();

  /** True when a flag that only COMPLETE and FAIL carry was given. */
  boolean hasOutcome() {
    return !outputs.isEmpty()
        || !outputDigests.isEmpty()
        || durationMs != null
        || cpuSeconds != null
        || gpuSeconds != null
        || tokens != null
        || !checks.isEmpty();
  }

  /** Times as the native JSON reads them: with a zone, to the millisecond. */
  static Instant time(final String value) {
    return OffsetDateTime.parse(value).toInstant().truncatedTo(ChronoUnit.MILLIS);
  }

  static final class TimeConverter implements ITypeConverter<Instant> {
    @Override
    public Instant convert(final String value) {
      return time(value);
    }
  }
}
