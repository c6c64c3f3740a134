package dev.lineagegate.bench.replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lineagegate.avro.ExecutionEvent;
import dev.lineagegate.avro.InputArtifact;
import dev.lineagegate.avro.OutputArtifact;
import dev.lineagegate.bench.lineage.BenchPipelines;
import dev.lineagegate.schema.json.ExecutionEventJson;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;

/**
 * Writes the history that {@code lineage-gate replay} is measured on: {@link BenchPipelines}'
 * four-step chains (prepare → train → evaluate → package, START and COMPLETE each, every event with
 * the full §3 metadata, names shared by every hundredth pipeline so newer versions supersede older
 * ones), as native NDJSON or as the OpenLineage RunEvents an integration would have sent for the
 * same runs (datasets named {@code bench/…}, digests in the {@code lineageGate_execution} run
 * facet). Prints the digest of the last pipeline's last output: its verdict readable means the
 * whole file went through.
 *
 * <p>{@code ReplayFiles OUT EVENTS native|openlineage [TAG]}; OUT ending in {@code .gz} is gzip.
 */
public final class ReplayFiles {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ExecutionEventJson NATIVE = new ExecutionEventJson(JSON);
  private static final String PRODUCER = "https://lineage-gate.dev/bench/replay";
  private static final String SCHEMA_URL =
      "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent";
  private static final String FACET_SCHEMA =
      "https://lineage-gate.dev/spec/facets/1-0-0/LineageGateExecutionRunFacet.json"
          + "#/$defs/LineageGateExecutionRunFacet";

  private ReplayFiles() {}

  public static void main(final String[] args) throws IOException {
    final Path out = Path.of(args[0]);
    final long events = Long.parseLong(args[1]);
    final boolean openLineage = "openlineage".equals(args[2].toLowerCase(Locale.ROOT));
    final String tag = args.length > 3 ? args[3] : "replay-" + System.currentTimeMillis();
    final int pipelines = (int) ((events + 7) / 8);
    long written = 0;
    try (OutputStream file = open(out)) {
      for (int k = 0; k < pipelines && written < events; k++) {
        for (final ExecutionEvent event : BenchPipelines.pipeline(tag, k)) {
          if (written++ >= events) {
            break;
          }
          final String line = openLineage ? openLineage(event) : NATIVE.writeString(event);
          file.write(line.getBytes(StandardCharsets.UTF_8));
          file.write('\n');
        }
      }
    }
    System.out.println(
        "wrote "
            + written
            + " events ("
            + Files.size(out)
            + " bytes) to "
            + out
            + "; last output: "
            + BenchPipelines.artifact(tag, pipelines - 1, 3).value());
  }

  private static OutputStream open(final Path out) throws IOException {
    final OutputStream file = new BufferedOutputStream(Files.newOutputStream(out), 1 << 16);
    return out.toString().endsWith(".gz") ? new GZIPOutputStream(file, 1 << 16) : file;
  }

  /** The OpenLineage RunEvent of the same run, as an integration with our facet sends it. */
  static String openLineage(final ExecutionEvent event) {
    final ObjectNode root = JSON.createObjectNode();
    root.put("eventType", event.getEventType().name());
    root.put("eventTime", event.getEventTime().toString());
    root.put("producer", PRODUCER);
    root.put("schemaURL", SCHEMA_URL);
    final ObjectNode run = root.putObject("run").put("runId", event.getRun().getRunId());
    final ObjectNode facet = run.putObject("facets").putObject("lineageGate_execution");
    facet.put("_producer", PRODUCER).put("_schemaURL", FACET_SCHEMA);
    facet.put("seed", event.getSeed());
    facet.put("configDigest", event.getConfig().getDigest());
    facet.put("environmentDigest", event.getEnvironment().getDigest());
    facet.put("pipeline", event.getRun().getPipeline());
    final ObjectNode inputDigests = facet.putObject("inputDigests");
    final ObjectNode outputDigests = facet.putObject("outputDigests");
    root.putObject("job").put("namespace", "bench").put("name", event.getRun().getStep());
    final ArrayNode inputs = root.putArray("inputs");
    for (final InputArtifact input : event.getInputs()) {
      dataset(inputs, input.getName());
      inputDigests.put("bench/" + input.getName(), input.getDigest());
    }
    final ArrayNode outputs = root.putArray("outputs");
    for (final OutputArtifact output : outputs(event)) {
      dataset(outputs, output.getName());
      outputDigests.put("bench/" + output.getName(), output.getDigest());
    }
    return root.toString();
  }

  private static List<OutputArtifact> outputs(final ExecutionEvent event) {
    return event.getOutputs() == null ? List.of() : event.getOutputs();
  }

  private static void dataset(final ArrayNode datasets, final String name) {
    datasets.addObject().put("namespace", "bench").put("name", name);
  }
}
