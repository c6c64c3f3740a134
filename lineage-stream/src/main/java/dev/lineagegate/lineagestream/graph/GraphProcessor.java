package dev.lineagegate.lineagestream.graph;

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
import dev.lineagegate.lineagestream.TopologyNames;
import dev.lineagegate.schema.Topics;
import java.time.Duration;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers each message to the node it is addressed to: an artifact version, a name or a recipe.
 * All three kinds share one topic and one task per partition, so a node's state and its mail are
 * always in the same place. Messages come from {@code lineage.graph.v1} (from other tasks) and from
 * this task's runs; those for this task's nodes are handled here, to a fixpoint ({@link Delivery}).
 */
public final class GraphProcessor
    implements Processor<String, GraphMessage, String, SpecificRecord> {

  private static final Logger LOG = LoggerFactory.getLogger(GraphProcessor.class);

  private final TopologyConfig config;

  /** How often parked messages (a cascade over its budget) are looked at without new records. */
  private static final Duration PARKED_CHECK = Duration.ofMillis(100);

  private ProcessorContext<String, SpecificRecord> context;
  private Delivery delivery;
  private Outbox out;
  private ArtifactHandler artifacts;
  private NameHandler names;
  private RecipeHandler recipes;

  public GraphProcessor(final TopologyConfig config) {
    this.config = config;
  }

  @Override
  public void init(final ProcessorContext<String, SpecificRecord> context) {
    this.context = context;
    this.delivery =
        new Delivery(
            context,
            config.graphPartitions(),
            config.workBudget(),
            new WorkQueue(
                context.<KeyValueStore<String, GraphMessage>>getStateStore(
                    TopologyNames.WORK_QUEUE_STORE)));
    this.out = new Outbox(context, delivery);
    this.artifacts =
        new ArtifactHandler(
            context.<KeyValueStore<String, ArtifactNode>>getStateStore(
                TopologyNames.ARTIFACTS_STORE),
            context.<KeyValueStore<String, ConsumerEdge>>getStateStore(TopologyNames.EDGES_STORE),
            config.policy(),
            config.maxDepth(),
            out);
    this.names =
        new NameHandler(
            context.<KeyValueStore<String, NameNode>>getStateStore(TopologyNames.NAMES_STORE),
            new NameLinks(
                context.<KeyValueStore<String, NameLink>>getStateStore(
                    TopologyNames.NAME_LINKS_STORE)),
            out);
    this.recipes =
        new RecipeHandler(
            context.<KeyValueStore<String, RecipeNode>>getStateStore(TopologyNames.RECIPES_STORE),
            out);
    // What a cascade left over its budget is handled a little later, also when nothing arrives.
    context.schedule(
        PARKED_CHECK,
        PunctuationType.WALL_CLOCK_TIME,
        now -> {
          if (!delivery.idle()) {
            out.at(now);
            delivery.at(now);
            delivery.drain(this::dispatch);
          }
        });
  }

  @Override
  public void process(final Record<String, GraphMessage> record) {
    if (record.key() == null || record.value() == null) {
      LOG.warn("graph message without address or body at {} dropped", position());
      return;
    }
    out.at(record.timestamp());
    // From lineage.graph.v1: already routed to this task; from this task's runs: to be routed.
    final boolean routed =
        context.recordMetadata().map(m -> Topics.GRAPH.name().equals(m.topic())).orElse(false);
    delivery.receive(record.key(), record.value(), record.timestamp(), routed);
    delivery.drain(this::dispatch);
  }

  /** One message to one node of this task. */
  private void dispatch(final Mailbox.Mail mail) {
    final String address = mail.address();
    final Object body = mail.body();
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
