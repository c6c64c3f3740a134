package dev.lineagegate.lineagestream.app;

import dev.lineagegate.lineagestream.LineageTopology;
import dev.lineagegate.lineagestream.TopologyConfig;
import dev.lineagegate.lineagestream.alerts.AlertLinks;
import dev.lineagegate.lineagestream.alerts.RecentAlerts;
import dev.lineagegate.lineagestream.alerts.RecentTail;
import dev.lineagegate.lineagestream.alerts.RecentVerdicts;
import dev.lineagegate.lineagestream.http.AlertsResource;
import dev.lineagegate.lineagestream.http.LineageServer;
import dev.lineagegate.lineagestream.query.LocalStores;
import dev.lineagegate.lineagestream.query.QueryService;
import dev.lineagegate.lineagestream.query.RemoteStores;
import dev.lineagegate.lineagestream.query.RoutedStores;
import dev.lineagegate.lineagestream.query.StreamsRef;
import dev.lineagegate.lineagestream.web.GateClient;
import dev.lineagegate.lineagestream.web.WebResource;
import dev.lineagegate.policy.Policy;
import dev.lineagegate.schema.Topics;
import dev.lineagegate.schema.serde.SerdeFactory;
import dev.lineagegate.service.CoPartitioning;
import dev.lineagegate.service.StreamsRunner;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.util.Properties;
import java.util.TreeSet;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** lineage-stream assembled from its config: the composition root, and its {@code main}. */
public final class LineageStreamApp implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LineageStreamApp.class);

  private final LineageServer server;
  private final StreamsRunner runner;
  private final KafkaStreamsMetrics streamsMetrics;
  private final RoutedStores routed;
  private final URI advertised;
  private final URI publicUrl;
  private final RecentTail tail;

  private LineageStreamApp(
      final LineageServer server,
      final StreamsRunner runner,
      final KafkaStreamsMetrics streamsMetrics,
      final RoutedStores routed,
      final URI advertised,
      final URI publicUrl,
      final RecentTail tail) {
    this.server = server;
    this.runner = runner;
    this.streamsMetrics = streamsMetrics;
    this.routed = routed;
    this.advertised = advertised;
    this.publicUrl = publicUrl;
    this.tail = tail;
  }

  /** Starts the server, then Streams, and returns once Streams is RUNNING (or fails). */
  public static LineageStreamApp start(final LineageStreamConfig config) {
    // A policy that does not parse stops the service here, naming its file and line.
    final Policy policy = config.policyFile().map(Policy::load).orElseGet(Policy::defaults);
    final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(meters);
    new JvmThreadMetrics().bindTo(meters);
    new ProcessorMetrics().bindTo(meters);
    final StreamsRef ref = new StreamsRef();
    final LocalStores local = new LocalStores(ref);
    final RoutedStores routed = new RoutedStores(ref, local, new RemoteStores());
    final QueryService queries = new QueryService(routed);
    // The web view's recent alerts and verdicts, filled by a tail beside the topology
    // (docs/WEB.md).
    final int recent = config.web().recentAlerts();
    final RecentAlerts alerts = new RecentAlerts(recent);
    final RecentVerdicts verdicts = new RecentVerdicts(recent);
    final WebResource web =
        new WebResource(
            queries,
            alerts,
            verdicts,
            new GateClient(config.web().gateUrl(), config.web().gateTimeout()),
            new TreeSet<>(policy.targets()).stream().toList(),
            config.retryAfter());
    // The server first: with port 0 its port is only known once bound, and it is part of
    // application.server, which Streams needs before it starts.
    final LineageServer server =
        new LineageServer(
            config.host(),
            config.port(),
            config.retryAfter(),
            queries,
            local,
            routed,
            ref,
            meters,
            new AlertsResource(alerts),
            web);
    RecentTail tail = null;
    try {
      final URI advertised = config.advertised(server.port());
      final HostInfo self = StreamsSettings.hostInfo(advertised);
      final URI publicUrl = config.publicUrl(server.port());
      final SerdeFactory serdes = new SerdeFactory(config.registry());
      SchemaWarmup.run(serdes.registry(), config.applicationId());
      // One task reads a partition of each (DESIGN.md §9): a node's messages from its own
      // partition's runs are delivered in the task, the others through lineage.graph.v1.
      final int partitions =
          CoPartitioning.partitions(
              config.bootstrapServers(),
              config.startTimeout(),
              Topics.EVENTS.name(),
              Topics.GRAPH.name(),
              "lineage-stream reads a partition of each in one task, so they must have as many"
                  + " (docs/LINEAGE-STREAM.md, 'Partitions'); create "
                  + Topics.GRAPH.name()
                  + " with as many partitions as "
                  + Topics.EVENTS.name());
      tail = RecentTail.start(config.bootstrapServers(), serdes, publicUrl, alerts, verdicts);
      // Every alert the topology writes carries its page's URL, as a header (AlertLinks).
      final Properties streamsProps = StreamsSettings.of(config, self);
      AlertLinks.install(streamsProps, publicUrl);
      final TopologyConfig topology =
          new TopologyConfig(
              serdes,
              policy,
              config.dedupWindow(),
              config.stallCheckInterval(),
              config.maxDepth(),
              config.maxStateBytes(),
              partitions,
              TopologyConfig.DEFAULT_WORK_BUDGET,
              config.objectCacheMib() * 1024L * 1024);
      final StreamsRunner runner =
          StreamsRunner.create(
              LineageTopology.build(topology), streamsProps, config.rocksDbMemoryMib());
      final KafkaStreamsMetrics streamsMetrics;
      try {
        streamsMetrics = new KafkaStreamsMetrics(runner.streams());
        streamsMetrics.bindTo(meters);
        ref.set(runner.streams(), self);
        ref.health(() -> runner.health().report());
        runner.start(config.startTimeout());
      } catch (RuntimeException e) {
        runner.close();
        throw e;
      }
      LOG.info(
          "lineage-stream {} RUNNING, policy {}, listening on http://{}:{} (advertised {}),"
              + " web view at {}",
          config.applicationId(),
          policy.version(),
          config.host(),
          server.port(),
          advertised,
          publicUrl);
      return new LineageStreamApp(
          server, runner, streamsMetrics, routed, advertised, publicUrl, tail);
    } catch (RuntimeException e) {
      if (tail != null) {
        tail.close();
      }
      server.close();
      throw e;
    }
  }

  public int port() {
    return server.port();
  }

  /** What other instances, and tests, reach this one at. */
  public URI url() {
    return advertised;
  }

  /** Where people reach the web view ({@code lineage.public-url}, else the advertised URL). */
  public URI publicUrl() {
    return publicUrl;
  }

  /** Whether this instance owns the node of {@code digest} now (routing, for tests). */
  public boolean owns(final String digest) {
    return routed.owns(digest);
  }

  public KafkaStreams.State state() {
    return runner.state();
  }

  @Override
  public void close() {
    // Streams first: while it hands its tasks over, the server still answers (503s at worst).
    runner.close();
    streamsMetrics.close();
    tail.close();
    server.close();
  }

  public static void main(final String[] args) {
    final LineageStreamApp app;
    try {
      app = start(LineageStreamConfig.load(args.length > 0 ? Path.of(args[0]) : null));
    } catch (RuntimeException e) {
      LOG.error("lineage-stream did not start: {}", e.getMessage(), e);
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(app::close, "lineage-stream-shutdown"));
  }
}
