package dev.lineagegate.ingest;

import dev.lineagegate.ingest.bridge.OpenLineageBridge;
import dev.lineagegate.ingest.http.IngestServer;
import dev.lineagegate.ingest.http.OpenLineageResource;
import dev.lineagegate.ingest.publish.EventPublisher;
import dev.lineagegate.ingest.publish.MetadataPublisher;
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
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The ingest service assembled from its config: the composition root, and its {@code main}. */
public final class IngestApp implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(IngestApp.class);

  /** What to close, in order: the server first so that no request starts on a closed producer. */
  private final List<AutoCloseable> parts;

  private final IngestServer server;
  private final String host;

  private IngestApp(final List<AutoCloseable> parts, final IngestServer server, final String host) {
    this.parts = parts;
    this.server = server;
    this.host = host;
  }

  public static IngestApp start(final IngestConfig config) {
    final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(meters);
    new JvmThreadMetrics().bindTo(meters);
    new ProcessorMetrics().bindTo(meters);
    final SerdeFactory serdes = new SerdeFactory(config.registry());
    final OpenLineageService openLineage =
        new OpenLineageService(config.strictOpenLineage(), config.strictInputFacets());
    final Deque<AutoCloseable> opened = new ArrayDeque<>();
    try {
      final EventPublisher publisher = push(opened, new EventPublisher(config, serdes, meters));
      final MetadataPublisher metadata = push(opened, new MetadataPublisher(config));
      final KafkaHealth health = push(opened, new KafkaHealth(config.bootstrapServers()));
      if (config.bridge().enabled()) {
        push(opened, new OpenLineageBridge(config, openLineage, serdes, meters).start());
      }
      final IngestService service =
          new IngestService(new ExecutionEventJson(), publisher, Clock.systemUTC());
      final IngestServer server =
          push(
              opened,
              new IngestServer(
                  config,
                  service,
                  new OpenLineageResource(
                      openLineage, service, metadata, new OpenLineageWarningMeter(meters)),
                  new ImportService(service, Clock.systemUTC()),
                  health,
                  meters));
      LOG.info("ingest listening on http://{}:{}", config.host(), server.port());
      return new IngestApp(List.copyOf(opened), server, config.host());
    } catch (RuntimeException e) {
      closeAll(opened);
      throw e;
    }
  }

  private static <T extends AutoCloseable> T push(final Deque<AutoCloseable> opened, final T part) {
    opened.push(part);
    return part;
  }

  private static void closeAll(final Iterable<AutoCloseable> parts) {
    for (final AutoCloseable part : parts) {
      try {
        part.close();
      } catch (Exception e) {
        LOG.warn("closing {} failed: {}", part.getClass().getSimpleName(), e.toString());
      }
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
    closeAll(parts);
  }

  public static void main(final String[] args) {
    final IngestConfig config = IngestConfig.load(args.length > 0 ? Path.of(args[0]) : null);
    final IngestApp app = start(config);
    Runtime.getRuntime().addShutdownHook(new Thread(app::close, "ingest-shutdown"));
  }
}
