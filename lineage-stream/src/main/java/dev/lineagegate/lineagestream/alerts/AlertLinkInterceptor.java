package dev.lineagegate.lineagestream.alerts;

import dev.lineagegate.schema.Topics;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Adds the web view's URL ({@link AlertLinks#HEADER}) to every record the Streams producer writes
 * to {@code lineage.alerts.v1}. A producer interceptor rather than a field set by the topology: the
 * URL is a deployment setting, and the topology (and its config) stays free of it. Other topics'
 * records pass unchanged. Streams has serialized the record already: the key is the UTF-8 bytes.
 */
public final class AlertLinkInterceptor implements ProducerInterceptor<Object, Object> {

  private URI publicUrl;

  @Override
  public void configure(final Map<String, ?> configs) {
    final Object url = configs.get(AlertLinks.PUBLIC_URL);
    publicUrl = url == null ? null : URI.create(url.toString());
  }

  @Override
  public ProducerRecord<Object, Object> onSend(final ProducerRecord<Object, Object> record) {
    if (publicUrl == null || !Topics.ALERTS.name().equals(record.topic())) {
      return record;
    }
    final String url =
        record.key() instanceof byte[] bytes
            ? AlertLinks.forKey(publicUrl, bytes)
            : AlertLinks.forKey(publicUrl, record.key() == null ? null : record.key().toString());
    // A copy: the record's own headers may be shared with the record Streams is processing.
    final RecordHeaders headers = new RecordHeaders(record.headers().toArray());
    headers.remove(AlertLinks.HEADER);
    headers.add(AlertLinks.HEADER, url.getBytes(StandardCharsets.UTF_8));
    return new ProducerRecord<>(
        record.topic(),
        record.partition(),
        record.timestamp(),
        record.key(),
        record.value(),
        headers);
  }

  @Override
  public void onAcknowledgement(final RecordMetadata metadata, final Exception exception) {}

  @Override
  public void close() {}
}
