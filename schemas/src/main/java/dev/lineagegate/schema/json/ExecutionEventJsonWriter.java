package dev.lineagegate.schema.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lineagegate.avro.CheckResult;
import dev.lineagegate.avro.CostInfo;
import dev.lineagegate.avro.EnvironmentInfo;
import dev.lineagegate.avro.ExecutionEvent;
import dev.lineagegate.avro.InputArtifact;
import dev.lineagegate.avro.OutputArtifact;
import dev.lineagegate.avro.RunInfo;
import java.util.Map;

/** Writes the native JSON form of an event; the inverse of {@link ExecutionEventJson#read}. */
final class ExecutionEventJsonWriter {

  private ExecutionEventJsonWriter() {}

  static ObjectNode write(final ObjectNode root, final ExecutionEvent event) {
    root.put("eventId", event.getEventId());
    root.put("eventType", event.getEventType().name());
    root.put("eventTime", event.getEventTime().toString());
    final RunInfo run = event.getRun();
    final ObjectNode runNode = root.putObject("run").put("runId", run.getRunId());
    putIfSet(runNode, "pipeline", run.getPipeline());
    runNode.put("step", run.getStep());
    putIfSet(runNode, "owner", run.getOwner());
    if (run.getMode() != null) {
      runNode.put("mode", run.getMode().name());
    }
    if (run.getAttempt() != null) {
      runNode.put("attempt", run.getAttempt());
    }
    if (event.getCode() != null) {
      final ObjectNode code = root.putObject("code");
      putIfSet(code, "repository", event.getCode().getRepository());
      putIfSet(code, "version", event.getCode().getVersion());
      if (event.getCode().getDirty() != null) {
        code.put("dirty", event.getCode().getDirty());
      }
    }
    if (event.getConfig() != null) {
      final ObjectNode config = root.putObject("config");
      putIfSet(config, "digest", event.getConfig().getDigest());
      putMap(config, "parameters", event.getConfig().getParameters());
    }
    if (event.getSeed() != null) {
      root.put("seed", event.getSeed());
    }
    if (event.getEnvironment() != null) {
      final EnvironmentInfo env = event.getEnvironment();
      final ObjectNode node = root.putObject("environment");
      putIfSet(node, "digest", env.getDigest());
      putIfSet(node, "image", env.getImage());
      putIfSet(node, "lockfile", env.getLockfile());
      putMap(node, "tools", env.getTools());
      putMap(node, "hardware", env.getHardware());
      putMap(node, "variables", env.getVariables());
    }
    final ArrayNode inputs = root.putArray("inputs");
    for (final InputArtifact input : event.getInputs()) {
      final ObjectNode node = inputs.addObject();
      putIfSet(node, "name", input.getName());
      putIfSet(node, "digest", input.getDigest());
      if (input.getProducedAt() != null) {
        node.put("producedAt", input.getProducedAt().toString());
      }
    }
    final ArrayNode outputs = root.putArray("outputs");
    for (final OutputArtifact output : event.getOutputs()) {
      final ObjectNode node = outputs.addObject();
      putIfSet(node, "name", output.getName());
      putIfSet(node, "digest", output.getDigest());
      if (output.getSizeBytes() != null) {
        node.put("sizeBytes", output.getSizeBytes());
      }
    }
    if (event.getCost() != null) {
      final CostInfo cost = event.getCost();
      final ObjectNode node = root.putObject("cost");
      if (cost.getDurationMs() != null) {
        node.put("durationMs", cost.getDurationMs());
      }
      if (cost.getCpuSeconds() != null) {
        node.put("cpuSeconds", cost.getCpuSeconds());
      }
      if (cost.getGpuSeconds() != null) {
        node.put("gpuSeconds", cost.getGpuSeconds());
      }
      if (cost.getTokens() != null) {
        node.put("tokens", cost.getTokens());
      }
    }
    final ArrayNode checks = root.putArray("checks");
    for (final CheckResult check : event.getChecks()) {
      final ObjectNode node =
          checks
              .addObject()
              .put("name", check.getName())
              .put("passed", check.getPassed())
              .put("severity", check.getSeverity().name());
      putIfSet(node, "observed", check.getObserved());
    }
    if (event.getError() != null) {
      final ObjectNode error =
          root.putObject("error").put("message", event.getError().getMessage());
      putIfSet(error, "type", event.getError().getType());
      putIfSet(error, "stackTrace", event.getError().getStackTrace());
    }
    putIfSet(root, "producer", event.getProducer());
    return root;
  }

  private static void putIfSet(final ObjectNode node, final String field, final String value) {
    if (value != null) {
      node.put(field, value);
    }
  }

  private static void putMap(
      final ObjectNode node, final String field, final Map<String, String> map) {
    final ObjectNode target = node.putObject(field);
    map.forEach(target::put);
  }
}
