package dev.lineagegate.stack;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code lineage-gate up} runs with (DESIGN.md §8). Defaults: data in {@code .lineage-gate/}
 * of the working directory; ingest 8080, lineage queries 8081, gate 8082, Kafka 9092 (its
 * controller 9093), registry 8085.
 *
 * @param dataDir everything that must survive a restart lives under it
 * @param policy the policy file (§7) of lineage-stream and the gate; empty = the defaults
 * @param kafkaPort the broker's client port
 * @param controllerPort the KRaft controller's port
 * @param registryPort the schema registry's port
 * @param ingestPort ingest's HTTP port
 * @param lineagePort lineage-stream's HTTP port
 * @param gatePort the gate's HTTP port
 */
public record StackOptions(
    Path dataDir,
    Optional<Path> policy,
    int kafkaPort,
    int controllerPort,
    int registryPort,
    int ingestPort,
    int lineagePort,
    int gatePort) {

  public static final Path DEFAULT_DATA_DIR = Path.of(".lineage-gate");

  public StackOptions {
    dataDir = dataDir.toAbsolutePath().normalize();
  }

  /** Every port with what uses it, in start order, for the checks and the banner. */
  public Map<String, Integer> ports() {
    final Map<String, Integer> ports = new LinkedHashMap<>();
    ports.put("kafka", kafkaPort);
    ports.put("kafka controller", controllerPort);
    ports.put("schema registry", registryPort);
    ports.put("ingest", ingestPort);
    ports.put("lineage queries", lineagePort);
    ports.put("gate", gatePort);
    return ports;
  }
}
