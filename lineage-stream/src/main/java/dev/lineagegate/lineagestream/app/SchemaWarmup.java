package dev.lineagegate.lineagestream.app;

import dev.lineagegate.avro.Alert;
import dev.lineagegate.avro.Verdict;
import dev.lineagegate.avro.graph.ArtifactNode;
import dev.lineagegate.avro.graph.ConsumerEdge;
import dev.lineagegate.avro.graph.GraphMessage;
import dev.lineagegate.avro.graph.NameNode;
import dev.lineagegate.avro.graph.RecipeNode;
import dev.lineagegate.avro.graph.RunState;
import dev.lineagegate.lineagestream.TopologyNames;
import dev.lineagegate.schema.Topics;
import dev.lineagegate.schema.registry.SchemaRegistryClient;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers every value schema the topology writes before Streams starts, so that a registry that
 * refuses one (an incompatible change) stops the service at start with the subject named, instead
 * of failing a stream task on its first record. The client caches the ids, so the serializers then
 * never call the registry for them again.
 */
final class SchemaWarmup {

  private static final Logger LOG = LoggerFactory.getLogger(SchemaWarmup.class);

  private SchemaWarmup() {}

  static void run(final SchemaRegistryClient registry, final String applicationId) {
    if (!registry.config().autoRegister()) {
      return; // schemas are registered by whoever deploys: nothing to race for
    }
    // The client takes a 409 from a concurrent registration of the same schema as success.
    subjects(applicationId).forEach(registry::register);
    LOG.debug("value schemas of {} registered", applicationId);
  }

  /** Subject (TopicNameStrategy, changelogs included) → the schema written under it. */
  static Map<String, Schema> subjects(final String applicationId) {
    final Map<String, Schema> subjects = new LinkedHashMap<>();
    subjects.put(Topics.GRAPH.valueSubject(), GraphMessage.getClassSchema());
    subjects.put(Topics.VERDICTS.valueSubject(), Verdict.getClassSchema());
    subjects.put(Topics.ALERTS.valueSubject(), Alert.getClassSchema());
    subjects.put(changelog(applicationId, TopologyNames.RUNS_STORE), RunState.getClassSchema());
    subjects.put(
        changelog(applicationId, TopologyNames.ARTIFACTS_STORE), ArtifactNode.getClassSchema());
    subjects.put(
        changelog(applicationId, TopologyNames.EDGES_STORE), ConsumerEdge.getClassSchema());
    subjects.put(changelog(applicationId, TopologyNames.NAMES_STORE), NameNode.getClassSchema());
    subjects.put(
        changelog(applicationId, TopologyNames.RECIPES_STORE), RecipeNode.getClassSchema());
    return subjects;
  }

  private static String changelog(final String applicationId, final String store) {
    return applicationId + "-" + store + "-changelog-value";
  }
}
