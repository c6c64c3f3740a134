package dev.lineagegate.ingest;

import dev.lineagegate.ingest.http.IngestServer;
import dev.lineagegate.ingest.http.OpenLineageHandler;
import dev.lineagegate.ingest.publish.EventPublisher;
import dev.lineagegate.schema.json.ExecutionEventJson;
import dev.lineagegate.schema.serde.SerdeFactory;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The ingest service assembled from its config: the composition root, and its {@code main}. */
public final class IngestApp implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(IngestApp.class);

  private final EventPublisher publisher;
  private final KafkaHealth health;
  private final IngestServer server;
  private final String host;

  private IngestApp(
      final EventPublisher publisher,
      final KafkaHealth health,
      final IngestServer server,
      final String host) {
    this.publisher = publisher;
    this.health = health;
    this.server = server;
    this.host = host;
  }

  public static IngestApp start(final IngestConfig config, final OpenLineageHandler openLineage) {
    final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(meters);
    new JvmThreadMetrics().bindTo(meters);
    new ProcessorMetrics().bindTo(meters);
    final SerdeFactory serdes = new SerdeFactory(config.registry());
    final EventPublisher publisher = new EventPublisher(config, serdes, meters);
    final KafkaHealth health = new KafkaHealth(config.bootstrapServers());
    final IngestService service =
        new IngestService(new ExecutionEventJson(), publisher, Clock.systemUTC());
    try {
      final IngestServer server = new IngestServer(config, service, openLineage, health, meters);
      LOG.info("ingest listening on http://{}:{}", config.host(), server.port());
      return new IngestApp(publisher, health, server, config.host());
    } catch (RuntimeException e) {
      health.close();
      publisher.close();
      throw e;
    }
  }

  public int port() {
    return server.port();
  }

  public URI url() {
    return URI.create("http://" + host + ":" + port());
  }

  @Override
  public void close() {
    server.close();
    health.close();
    publisher.close();
  }

  public static void main(final String[] args) {
    final IngestConfig config = IngestConfig.load(args.length > 0 ? Path.of(args[0]) : null);
    final IngestApp app = start(config, null);
    Runtime.getRuntime().addShutdownHook(new Thread(app::close, "ingest-shutdown"));
  }
}
