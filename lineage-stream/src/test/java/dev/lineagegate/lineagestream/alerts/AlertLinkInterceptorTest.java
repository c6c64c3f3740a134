package dev.lineagegate.lineagestream.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lineagegate.schema.Topics;
import dev.lineagegate.schema.id.Digest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class AlertLinkInterceptorTest {

  private static AlertLinkInterceptor interceptor() {
    final AlertLinkInterceptor interceptor = new AlertLinkInterceptor();
    interceptor.configure(Map.of("lineage.public-url", "https://lineage.example"));
    return interceptor;
  }

  private static String header(final ProducerRecord<Object, Object> record) {
    return new String(
        record.headers().lastHeader(AlertLinks.HEADER).value(), StandardCharsets.UTF_8);
  }

  @Test
  void shouldLinkTheArtifactPageWhenAnAlertIsKeyedByDigest() {
    // Given an alert record as Streams sends it: serialized key and value
    final String digest = Digest.sha256("model").value();
    final ProducerRecord<Object, Object> record =
        new ProducerRecord<>(
            Topics.ALERTS.name(), digest.getBytes(StandardCharsets.UTF_8), new byte[] {0});

    // When
    final ProducerRecord<Object, Object> sent = interceptor().onSend(record);

    // Then
    assertThat(header(sent)).isEqualTo("https://lineage.example/artifacts/" + digest);
  }

  @Test
  void shouldLinkTheAlertsPageWhenAnAlertIsKeyedByRun() {
    // Given a RUN_STALLED alert, keyed by its runId
    final ProducerRecord<Object, Object> record =
        new ProducerRecord<>(
            Topics.ALERTS.name(), "run-1".getBytes(StandardCharsets.UTF_8), new byte[] {0});

    // When
    final ProducerRecord<Object, Object> sent = interceptor().onSend(record);

    // Then
    assertThat(header(sent)).isEqualTo("https://lineage.example/alerts");
  }

  @Test
  void shouldLeaveRecordsAloneWhenTheyAreForAnotherTopic() {
    // Given
    final ProducerRecord<Object, Object> record =
        new ProducerRecord<>(Topics.VERDICTS.name(), new byte[] {1}, new byte[] {0});

    // When
    final ProducerRecord<Object, Object> sent = interceptor().onSend(record);

    // Then
    assertThat(sent).isSameAs(record);
    assertThat(sent.headers().lastHeader(AlertLinks.HEADER)).isNull();
  }
}
