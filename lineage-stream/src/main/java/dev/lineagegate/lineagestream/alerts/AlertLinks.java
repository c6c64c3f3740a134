package dev.lineagegate.lineagestream.alerts;

import dev.lineagegate.avro.Alert;
import dev.lineagegate.schema.id.Digest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The web view's URL for an alert: its artifact's page, or the alerts page for an alert about a run
 * or a record (MALFORMED_EVENT, RUN_STALLED). On the topic it travels as a record header, put there
 * by {@link AlertLinkInterceptor}, so that the topology that writes alerts needs no setting for it.
 */
public final class AlertLinks {

  /** The header of each record on {@code lineage.alerts.v1} that carries the page's URL. */
  public static final String HEADER = "lineage-gate.url";

  /** The producer setting that hands the public URL to the interceptor. */
  static final String PUBLIC_URL = "lineage.public-url";

  private AlertLinks() {}

  public static String of(final URI publicUrl, final Alert alert) {
    return forKey(publicUrl, alert.getArtifact());
  }

  /** The alerts topic is keyed by artifact digest, else by runId: only a digest has a page. */
  static String forKey(final URI publicUrl, final String key) {
    return key != null && Digest.isValid(key)
        ? publicUrl + "/artifacts/" + key
        : publicUrl + "/alerts";
  }

  static String forKey(final URI publicUrl, final byte[] key) {
    return forKey(publicUrl, key == null ? null : new String(key, StandardCharsets.UTF_8));
  }

  /** Has the Streams producer add the header to every alert it writes. */
  public static void install(final Properties streams, final URI publicUrl) {
    streams.put(
        StreamsConfig.producerPrefix(ProducerConfig.INTERCEPTOR_CLASSES_CONFIG),
        AlertLinkInterceptor.class.getName());
    streams.put(StreamsConfig.producerPrefix(PUBLIC_URL), publicUrl.toString());
  }
}
