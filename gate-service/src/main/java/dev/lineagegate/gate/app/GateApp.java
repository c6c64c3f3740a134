package dev.lineagegate.gate.app;

import dev.lineagegate.attest.SigningKey;
import dev.lineagegate.avro.GateDecision;
import dev.lineagegate.gate.Decisions;
import dev.lineagegate.gate.GateBounds;
import dev.lineagegate.gate.GateTopology;
import dev.lineagegate.gate.GateTopologyConfig;
import dev.lineagegate.gate.http.GateServer;
import dev.lineagegate.gate.service.DecisionPublisher;
import dev.lineagegate.gate.service.GateService;
import dev.lineagegate.gate.service.GateStores;
import dev.lineagegate.gate.service.Tokens;
import dev.lineagegate.policy.Policy;
import dev.lineagegate.schema.Topics;
import dev.lineagegate.schema.serde.SerdeFactory;
import dev.lineagegate.service.CoPartitioning;
import dev.lineagegate.service.StaticMembership;
import dev.lineagegate.service.StreamsProperties;
import dev.lineagegate.service.StreamsRunner;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** gate-service assembled from its config: the composition root, and its {@code main}. */
public final class GateApp implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(GateApp.class);

  private final GateServer server;
  private final StreamsRunner runner;
  private final DecisionPublisher publisher;
  private final SigningKey key;
  private final URI advertised;

  private GateApp(
      final GateServer server,
      final StreamsRunner runner,
      final DecisionPublisher publisher,
      final SigningKey key,
      final URI advertised) {
    this.server = server;
    this.runner = runner;
    this.publisher = publisher;
    this.key = key;
    this.advertised = advertised;
  }

  /** Starts the server, then Streams, and returns once Streams is RUNNING (or fails). */
  public static GateApp start(final GateConfig config) {
    // A policy that does not parse, bad tokens or an unwritable key directory stop the service
    // here, with the reason.
    final Policy policy = config.policyFile().map(Policy::load).orElseGet(Policy::defaults);
    final Tokens tokens = Tokens.parse(config.tokens());
    final SigningKey key = SigningKey.loadOrCreate(config.keyDir());
    CoPartitioning.partitions(
        config.bootstrapServers(),
        config.startTimeout(),
        Topics.VERDICTS.name(),
        Topics.DECISIONS.name(),
        "the gate needs both keyed by digest on the same number of partitions");
    final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(meters);
    final SerdeFactory serdes = new SerdeFactory(config.registry());
    GateSchemas.register(serdes.registry(), config.applicationId());
    final Decisions decisions = new Decisions(new FastEd25519(key), policy.version().value());
    final KafkaProducer<String, GateDecision> producer =
        new KafkaProducer<>(
            ProducerProperties.of(config),
            new StringSerializer(),
            serdes.valueSerde(Topics.DECISIONS).serializer());
    new KafkaClientMetrics(producer).bindTo(meters);
    final DecisionPublisher publisher =
        new DecisionPublisher(producer, config.publishTimeout(), config.retryAfter());
    final GateStores stores = new GateStores(config.retryAfter());
    final GateService service =
        new GateService(
            policy,
            stores,
            decisions,
            publisher,
            Clock.systemUTC(),
            new GateService.Limits(
                config.maxWaiver(),
                config.applyTimeout(),
                config.unknownArtifactWait(),
                config.retryAfter(),
                GateBounds.DEFAULTS.waivers()),
            meters);
    final GateServer server;
    try {
      // The server first: with port 0 its port is only known once bound, and it is part of
      // application.server, which Streams needs before it starts.
      server =
          new GateServer(
              config.host(),
              config.port(),
              config.retryAfter(),
              service,
              stores,
              tokens,
              key,
              meters);
    } catch (RuntimeException e) {
      publisher.close();
      throw e;
    }
    try {
      final URI advertised = config.advertised(server.port());
      final HostInfo self = StreamsProperties.hostInfo(advertised);
      final GateTopologyConfig topology =
          new GateTopologyConfig(
              serdes, policy, decisions, config.waiverCheckInterval(), GateBounds.DEFAULTS);
      final Properties props =
          StreamsProperties.of(
              config.applicationId(),
              config.bootstrapServers(),
              config.commitInterval(),
              config.stateDir(),
              config.threads(),
              config.replicationFactor(),
              self,
              config.kafkaOverrides());
      // A restart after a crash rejoins at once instead of waiting out the dead members' session.
      if (config.staticMembership()) {
        StaticMembership.apply(props, config.stateDir(), config.applicationId());
      }
      final StreamsRunner runner =
          StreamsRunner.create(GateTopology.build(topology), props, config.rocksDbMemoryMib());
      try {
        new KafkaStreamsMetrics(runner.streams()).bindTo(meters);
        stores.set(runner.streams(), self);
        stores.health(() -> runner.health().report());
        runner.start(config.startTimeout());
      } catch (RuntimeException e) {
        runner.close();
        throw e;
      }
      LOG.info(
          "gate-service {} RUNNING, policy {}, key {}, listening on http://{}:{} (advertised {})",
          config.applicationId(),
          policy.version(),
          key.keyId(),
          config.host(),
          server.port(),
          advertised);
      return new GateApp(server, runner, publisher, key, advertised);
    } catch (RuntimeException e) {
      server.close();
      publisher.close();
      throw e;
    }
  }

  public int port() {
    return server.port();
  }

  public URI url() {
    return advertised;
  }

  public SigningKey key() {
    return key;
  }

  public KafkaStreams.State state() {
    return runner.state();
  }

  @Override
  public void close() {
    runner.close();
    publisher.close();
    server.close();
  }

  public static void main(final String[] args) {
    final GateApp app;
    try {
      app = start(GateConfig.load(args.length > 0 ? Path.of(args[0]) : null));
    } catch (RuntimeException e) {
      LOG.error("gate-service did not start: {}", e.getMessage(), e);
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(app::close, "gate-service-shutdown"));
  }
}
