package dev.lineagegate.gate.app;

import dev.lineagegate.avro.GateDecision;
import dev.lineagegate.avro.gate.ArtifactGate;
import dev.lineagegate.avro.gate.GateMessage;
import dev.lineagegate.avro.gate.NameGate;
import dev.lineagegate.gate.TopologyNames;
import dev.lineagegate.schema.Topics;
import dev.lineagegate.schema.registry.SchemaRegistryClient;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * Registers every value schema the gate writes before it starts, so that a registry that refuses
 * one (an incompatible change) stops the service at start with the subject named.
 */
final class GateSchemas {

  private GateSchemas() {}

  static void register(final SchemaRegistryClient registry, final String applicationId) {
    if (registry.config().autoRegister()) {
      subjects(applicationId).forEach(registry::register);
    }
  }

  /** Subject (TopicNameStrategy, changelogs and the repartition topic included) → schema. */
  static Map<String, Schema> subjects(final String applicationId) {
    final Map<String, Schema> subjects = new LinkedHashMap<>();
    subjects.put(Topics.DECISIONS.valueSubject(), GateDecision.getClassSchema());
    subjects.put(
        internal(applicationId, TopologyNames.BY_NAME + "-repartition"),
        GateMessage.getClassSchema());
    subjects.put(
        changelog(applicationId, TopologyNames.ARTIFACTS_STORE), ArtifactGate.getClassSchema());
    subjects.put(changelog(applicationId, TopologyNames.LOG_STORE), GateDecision.getClassSchema());
    subjects.put(
        changelog(applicationId, TopologyNames.REQUESTS_STORE), GateDecision.getClassSchema());
    subjects.put(changelog(applicationId, TopologyNames.NAMES_STORE), NameGate.getClassSchema());
    return subjects;
  }

  private static String changelog(final String applicationId, final String store) {
    return internal(applicationId, store + "-changelog");
  }

  private static String internal(final String applicationId, final String topic) {
    return applicationId + "-" + topic + "-value";
  }
}
