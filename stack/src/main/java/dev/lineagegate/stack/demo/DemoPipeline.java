package dev.lineagegate.stack.demo;

import dev.lineagegate.client.Digests;
import dev.lineagegate.client.IngestClient;
import dev.lineagegate.client.RunReporter;
import dev.lineagegate.client.RunSpec;
import dev.lineagegate.schema.id.Digest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * A sample "churn" pipeline, prepare → features → train → evaluate → package, run through the Java
 * client with real files in a workspace (digests are of their bytes). It is built so that its
 * artifacts show the product's verdicts:
 *
 * <ul>
 *   <li>{@code s3://demo/clean.parquet} prepared again from newer raw data: the clean artifact;
 *   <li>the first version of it was consumed by {@code features} before the re-run superseded it
 *       (SUPERSEDED_INPUT, WARN, and UPSTREAM_WARNED below);
 *   <li>{@code train} reads labels produced three days ago, beyond the demo policy's 24 h
 *       (STALE_INPUT), and a second run of the same recipe writes different bytes
 *       (NONDETERMINISTIC);
 *   <li>{@code evaluate} reports no code version, owner or environment (unauditable).
 * </ul>
 */
public final class DemoPipeline {

  /** The demo's policy: the defaults, plus a freshness limit for raw data. */
  public static final String POLICY =
      "# written by `lineage-gate up --demo`; kept with the data so a restart decides the same\n"
          + "freshness:\n"
          + "  - { match: \"s3://raw/**\", maxAge: PT24H }\n";

  private final IngestClient ingest;
  private final Path workspace;
  private final Random random = new Random();
  private final Map<String, Digest> artifacts = new LinkedHashMap<>();

  public DemoPipeline(final IngestClient ingest, final Path workspace) {
    this.ingest = ingest;
    this.workspace = workspace;
  }

  /** Runs every step; returns artifact label → digest, in pipeline order. */
  public Map<String, Digest> run() {
    final Instant now = Instant.now();
    final Path raw = write("raw/events.csv", "user,event\n1,login\n2,churn\n");
    final Path labels = write("raw/labels.csv", "user,churned\n1,false\n2,true\n");

    final Path cleanV1 = write("clean-v1.parquet", "clean: user,event (dedup v1)\n");
    step(
            "prepare",
            spec -> spec.input("s3://raw/events.csv", Digests.of(raw), now.minusSeconds(3600)))
        .output("s3://demo/clean.parquet", cleanV1);
    artifacts.put("clean v1 (superseded)", Digests.of(cleanV1));

    final Path features = write("features.parquet", "features from clean v1\n");
    step("features", spec -> spec.input("s3://demo/clean.parquet", Digests.of(cleanV1), null))
        .output("s3://demo/features.parquet", features);
    artifacts.put("features", Digests.of(features));

    final Path model1 = write("model-1.bin", "weights " + random.nextLong() + "\n");
    final Path model2 = write("model-2.bin", "weights " + random.nextLong() + "\n");
    for (final Path model : new Path[] {model1, model2}) {
      step(
              "train",
              spec ->
                  spec.input("s3://demo/features.parquet", Digests.of(features), null)
                      .input(
                          "s3://raw/labels.csv", Digests.of(labels), now.minus(Duration.ofDays(3))))
          .output("model:churn", model);
    }
    artifacts.put("model, run 1", Digests.of(model1));
    artifacts.put("model, run 2 (same recipe)", Digests.of(model2));

    final Path report = write("eval.json", "{\"auc\": 0.83}\n");
    final RunSpec evaluate =
        RunSpec.forStep("evaluate")
            .pipeline("churn")
            .input("model:churn", Digests.of(model1), null);
    send(RunReporter.of(evaluate), r -> r.output("report:churn-eval", report));
    artifacts.put("evaluation (unauditable)", Digests.of(report));

    final Path image = write("serving-image.tar", "image with model-1\n");
    step(
            "package",
            spec ->
                spec.input("model:churn", Digests.of(model1), null)
                    .input("report:churn-eval", Digests.of(report), null))
        .output("image:churn-serving", image);
    artifacts.put("serving image", Digests.of(image));

    // The upstream re-run: new raw data arrived, prepare runs again and writes a new version of
    // clean.parquet, superseding the one features read.
    final Path rawV2 = write("raw/events-v2.csv", "user,event\n1,login\n2,churn\n3,login\n");
    final Path cleanV2 = write("clean-v2.parquet", "clean: user,event (dedup v2, 3 rows)\n");
    step(
            "prepare",
            spec -> spec.input("s3://raw/events.csv", Digests.of(rawV2), now.minusSeconds(600)))
        .output("s3://demo/clean.parquet", cleanV2);
    artifacts.put("clean v2 (clean)", Digests.of(cleanV2));
    return artifacts;
  }

  private interface Inputs {
    RunSpec add(RunSpec spec);
  }

  private interface Outputs {
    void add(RunReporter run);
  }

  /** A fully described step: code, config, seed, environment and owner are all there. */
  private StepOutputs step(final String step, final Inputs inputs) {
    final RunSpec spec =
        inputs.add(
            RunSpec.forStep(step)
                .pipeline("churn")
                .owner("ml-platform")
                .attempt(1)
                .code("https://git.example/churn.git", "9f2c1e0d", false)
                .config(Digest.sha256("lr=0.01;depth=6"), Map.of("lr", "0.01", "depth", "6"))
                .seed(42L)
                .environment(
                    Digest.sha256("python 3.11.7, torch 2.5.1"),
                    "registry.example/churn@sha256:" + "0".repeat(64),
                    null,
                    Map.of("python", "3.11.7"),
                    Map.of(),
                    Map.of()));
    return new StepOutputs(spec);
  }

  /** Sends START, then COMPLETE with the outputs added. */
  private final class StepOutputs {
    private final RunSpec spec;

    private StepOutputs(final RunSpec spec) {
      this.spec = spec;
    }

    void output(final String name, final Path file) {
      send(RunReporter.of(spec), run -> run.output(name, file));
    }
  }

  private void send(final RunReporter run, final Outputs outputs) {
    ingest.send(run.start());
    outputs.add(run);
    ingest.send(run.complete());
  }

  private Path write(final String name, final String content) {
    final Path file = workspace.resolve(name);
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, content, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the demo workspace " + workspace, e);
    }
    return file;
  }
}
