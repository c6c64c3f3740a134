package dev.lineagegate.lineagestream.oracle.graph;

import dev.lineagegate.avro.Alert;
import dev.lineagegate.avro.graph.ArtifactNode;
import dev.lineagegate.avro.graph.ConsumerEdge;
import dev.lineagegate.avro.graph.Determinism;
import dev.lineagegate.avro.graph.GraphMessage;
import dev.lineagegate.avro.graph.NameLink;
import dev.lineagegate.avro.graph.NameNode;
import dev.lineagegate.avro.graph.Produced;
import dev.lineagegate.avro.graph.ReadUnder;
import dev.lineagegate.avro.graph.RecipeNode;
import dev.lineagegate.avro.graph.RecipeOutcome;
import dev.lineagegate.avro.graph.RecipeRetraction;
import dev.lineagegate.avro.graph.ResolveInput;
import dev.lineagegate.avro.graph.Retract;
import dev.lineagegate.avro.graph.Superseded;
import dev.lineagegate.avro.graph.Unlink;
import dev.lineagegate.avro.graph.UpstreamSignal;
import dev.lineagegate.avro.graph.VersionUpdate;
import dev.lineagegate.lineagestream.TopologyConfig;
import dev.lineagegate.lineagestream.oracle.OracleTopology;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers each message of {@code lineage.graph.v1} to the node it is addressed to (its key): an
 * artifact version, a name or a recipe. All three kinds share one topic and one task per partition,
 * so a node's state and its mail are always in the same place.
 */
public final class GraphProcessor
    implements Processor<String, GraphMessage, String, SpecificRecord> {

  private static final Logger LOG = LoggerFactory.getLogger(GraphProcessor.class);

  private final TopologyConfig config;
  private ProcessorContext<String, SpecificRecord> context;
  private Outbox out;
  private ArtifactHandler artifacts;
  private NameHandler names;
  private RecipeHandler recipes;

  private final Runnable counted;

  public GraphProcessor(final TopologyConfig config, final Runnable counted) {
    this.config = config;
    this.counted = counted;
  }

  @Override
  public void init(final ProcessorContext<String, SpecificRecord> context) {
    this.context = context;
    this.out = new Outbox(context);
    this.artifacts =
        new ArtifactHandler(
            context.<KeyValueStore<String, ArtifactNode>>getStateStore(
                OracleTopology.ARTIFACTS_STORE),
            context.<KeyValueStore<String, ConsumerEdge>>getStateStore(OracleTopology.EDGES_STORE),
            config.policy(),
            config.maxDepth(),
            out);
    this.names =
        new NameHandler(
            context.<KeyValueStore<String, NameNode>>getStateStore(OracleTopology.NAMES_STORE),
            new NameLinks(
                context.<KeyValueStore<String, NameLink>>getStateStore(
                    OracleTopology.NAME_LINKS_STORE)),
            out);
    this.recipes =
        new RecipeHandler(
            context.<KeyValueStore<String, RecipeNode>>getStateStore(OracleTopology.RECIPES_STORE),
            out);
  }

  @Override
  public void process(final Record<String, GraphMessage> record) {
    counted.run();
    final String address = record.key();
    if (address == null || record.value() == null) {
      LOG.warn("graph message without address or body at {} dropped", position());
      return;
    }
    out.at(record.timestamp());
    final Object body = record.value().getBody();
    if (body instanceof Produced produced) {
      artifacts.produced(produced);
    } else if (body instanceof ConsumerEdge edge) {
      artifacts.consumer(edge);
    } else if (body instanceof UpstreamSignal signal) {
      artifacts.signal(address, signal);
    } else if (body instanceof Superseded superseded) {
      artifacts.superseded(superseded);
    } else if (body instanceof Determinism determinism) {
      artifacts.determinism(address, determinism);
    } else if (body instanceof VersionUpdate version) {
      names.version(address, version);
    } else if (body instanceof ResolveInput input) {
      names.resolve(address, input);
    } else if (body instanceof Alert alert) {
      names.alert(address, alert);
    } else if (body instanceof RecipeOutcome outcome) {
      recipes.outcome(address, outcome);
    } else if (body instanceof RecipeRetraction retraction) {
      recipes.retract(address, retraction);
    } else if (body instanceof Unlink unlink) {
      artifacts.unlink(unlink);
    } else if (body instanceof Retract retract) {
      artifacts.retract(address, retract);
    } else if (body instanceof ReadUnder read) {
      names.read(address, read);
    } else {
      LOG.warn("graph message of unknown kind {} at {} dropped", body.getClass(), position());
    }
  }

  private String position() {
    return context
        .recordMetadata()
        .map(m -> m.topic() + "/" + m.partition() + "@" + m.offset())
        .orElse("(punctuation)");
  }
}
