package dev.lineagegate.client;

import dev.lineagegate.avro.CodeInfo;
import dev.lineagegate.avro.ConfigInfo;
import dev.lineagegate.avro.EnvironmentInfo;
import dev.lineagegate.avro.ExecutionEvent;
import dev.lineagegate.avro.InputArtifact;
import dev.lineagegate.avro.RunInfo;
import dev.lineagegate.schema.id.Digest;
import dev.lineagegate.schema.id.RunId;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * What a run is, known before it starts (§3): identity, code, configuration, seed, environment and
 * inputs. Built fluently, without Avro builders; null means "absent" for every optional value.
 * {@link RunReporter} turns it into events, reading it anew for each one. Safe to use from several
 * threads.
 */
public final class RunSpec {

  /** The {@code producer} of events built here, unless {@link #producer} says otherwise. */
  public static final String PRODUCER = "https://lineage-gate.dev/client/java";

  private final String step;
  private String runId = UUID.randomUUID().toString();
  private String pipeline;
  private String owner;
  private Integer attempt;
  private CodeInfo code;
  private ConfigInfo config;
  private Long seed;
  private EnvironmentInfo environment;
  private final List<InputArtifact> inputs = new ArrayList<>();
  private String producer = PRODUCER;

  private RunSpec(final String step) {
    if (step == null || step.isBlank()) {
      throw new IllegalArgumentException("step must not be blank");
    }
    this.step = step;
  }

  /** A new run of {@code step} with a fresh runId (a random UUID). */
  public static RunSpec forStep(final String step) {
    return new RunSpec(step);
  }

  /** Replaces the generated runId, e.g. with the one a previous process reported START with. */
  public synchronized RunSpec runId(final String runId) {
    this.runId = RunId.parse(runId).value();
    return this;
  }

  public synchronized String runId() {
    return runId;
  }

  public synchronized RunSpec pipeline(final String pipeline) {
    this.pipeline = pipeline;
    return this;
  }

  public synchronized RunSpec owner(final String owner) {
    this.owner = owner;
    return this;
  }

  public synchronized RunSpec attempt(final Integer attempt) {
    this.attempt = attempt;
    return this;
  }

  public synchronized RunSpec code(
      final String repository, final String version, final Boolean dirty) {
    final boolean none = repository == null && version == null && dirty == null;
    this.code =
        none
            ? null
            : CodeInfo.newBuilder()
                .setRepository(repository)
                .setVersion(version)
                .setDirty(dirty)
                .build();
    return this;
  }

  /** The configuration; a null map is empty. */
  public synchronized RunSpec config(final Digest digest, final Map<String, String> parameters) {
    final Map<String, String> copy = copy(parameters);
    this.config =
        digest == null && copy.isEmpty()
            ? null
            : ConfigInfo.newBuilder().setDigest(text(digest)).setParameters(copy).build();
    return this;
  }

  public synchronized RunSpec seed(final Long seed) {
    this.seed = seed;
    return this;
  }

  /** The environment; {@code lockfile} is usually the lock file's digest. A null map is empty. */
  public synchronized RunSpec environment(
      final Digest digest,
      final String image,
      final String lockfile,
      final Map<String, String> tools,
      final Map<String, String> hardware,
      final Map<String, String> variables) {
    final EnvironmentInfo info =
        EnvironmentInfo.newBuilder()
            .setDigest(text(digest))
            .setImage(image)
            .setLockfile(lockfile)
            .setTools(copy(tools))
            .setHardware(copy(hardware))
            .setVariables(copy(variables))
            .build();
    // Nothing known is no environment at all: the event then says so by leaving it out.
    this.environment = info.equals(EnvironmentInfo.newBuilder().build()) ? null : info;
    return this;
  }

  /** An input hashed now with {@link Digests#of}. */
  public RunSpec input(final String name, final Path path) {
    return input(name, Digests.of(path), null);
  }

  /**
   * An input known by name and/or digest; a name without digest is UNVERSIONED_INPUT (§4.3).
   *
   * @param producedAt when the input was produced, for freshness (§4.2); null when unknown
   */
  public synchronized RunSpec input(
      final String name, final Digest digest, final Instant producedAt) {
    if (name == null && digest == null) {
      throw new IllegalArgumentException("an input needs a name or a digest");
    }
    inputs.add(
        InputArtifact.newBuilder()
            .setName(name)
            .setDigest(text(digest))
            .setProducedAt(producedAt)
            .build());
    return this;
  }

  /** Who emits the events, a URI; {@link #PRODUCER} by default. */
  public synchronized RunSpec producer(final String producer) {
    this.producer = producer;
    return this;
  }

  /** An event builder holding a copy of this spec; the caller sets the event's own fields. */
  synchronized ExecutionEvent.Builder template() {
    return ExecutionEvent.newBuilder()
        .setRun(
            RunInfo.newBuilder()
                .setRunId(runId)
                .setPipeline(pipeline)
                .setStep(step)
                .setOwner(owner)
                .setAttempt(attempt)
                .build())
        // Copies: an event handed out must not change when this spec, or another event, does.
        .setCode(code == null ? null : CodeInfo.newBuilder(code).build())
        .setConfig(config == null ? null : ConfigInfo.newBuilder(config).build())
        .setSeed(seed)
        .setEnvironment(
            environment == null ? null : EnvironmentInfo.newBuilder(environment).build())
        .setInputs(
            inputs.stream()
                .map(i -> InputArtifact.newBuilder(i).build())
                .collect(Collectors.toCollection(ArrayList::new)))
        .setProducer(producer);
  }

  /** A copy, so that the caller changing its map later does not change this spec. */
  private static Map<String, String> copy(final Map<String, String> map) {
    return map == null ? new LinkedHashMap<>() : new LinkedHashMap<>(map);
  }

  static String text(final Digest digest) {
    return digest == null ? null : digest.value();
  }
}
