package dev.lineagegate.ingest.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lineagegate.ingest.OpenLineageService;
import dev.lineagegate.schema.DeadLetter;
import dev.lineagegate.schema.Topics;
import dev.lineagegate.schema.registry.RegistryConfig;
import dev.lineagegate.schema.serde.SerdeFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

/**
 * The bridge refuses what HTTP refuses, to the dead-letter topic with error headers: bad UTF-8,
 * times, names and sizes. Nothing here reaches the registry (only a bridged event would).
 */
class BridgeTranslatorTest {

  private static final String EVENT =
      """
      {"eventType": "START", "eventTime": "%s", "producer": "https://p",
       "schemaURL": "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
       "run": {"runId": "3b8e7f52-1c4d-4e6f-9a0b-2c3d4e5f6a01"},
       "job": {"namespace": "spark://prod", "name": "%s"}}
      """;

  private final BridgeTranslator translator =
      new BridgeTranslator(
          new OpenLineageService(),
          new SerdeFactory(RegistryConfig.of(URI.create("http://127.0.0.1:9/unreachable"))),
          Clock.fixed(Instant.parse("2026-11-22T10:01:00Z"), ZoneOffset.UTC));

  @Test
  void shouldDeadLetterWhenTheRecordIsNotUtf8() {
    // Given a job name holding an overlong "/" (C0 AF)
    final byte[] value =
        bytes(EVENT.formatted("2026-11-22T10:00:00Z", "train\u0001"), "\u0001", "c0af");
    // When
    final ProducerRecord<byte[], byte[]> out = translator.translate(in(value)).out();
    // Then the original bytes go to the dead-letter topic, naming the string
    assertThat(out.topic()).isEqualTo(Topics.EVENTS_DLQ.name());
    assertThat(out.value()).isEqualTo(value);
    assertThat(DeadLetter.header(out.headers(), DeadLetter.MESSAGE))
        .contains("/job/name: is not valid UTF-8 (byte ");
  }

  @Test
  void shouldDeadLetterWhenTheTimeOrANameBreaksTheContract() {
    // Given a time beyond four-digit years, a step with a NUL, and a 3,000-character job name
    for (final String[] bad :
        new String[][] {
          {"-292275056-01-01T00:00:00Z", "train", "/eventTime: must be an RFC 3339 time"},
          {"2026-11-22T10:00:00Z", "tr\\u0000ain", "/run/step: contains a control character"},
          {"2026-11-22T10:00:00Z", "t".repeat(3000), "/run/step: is 3013 characters, longer"}
        }) {
      // When
      final ProducerRecord<byte[], byte[]> out =
          translator
              .translate(in(EVENT.formatted(bad[0], bad[1]).getBytes(StandardCharsets.UTF_8)))
              .out();
      // Then
      assertThat(out.topic()).as(bad[2]).isEqualTo(Topics.EVENTS_DLQ.name());
      assertThat(DeadLetter.header(out.headers(), DeadLetter.EXCEPTION))
          .isEqualTo("dev.lineagegate.schema.json.InvalidEventException");
      assertThat(DeadLetter.header(out.headers(), DeadLetter.MESSAGE)).contains(bad[2]);
    }
  }

  @Test
  void shouldAddOneWarningHeaderPerWarningWhenTheRecordIsAcceptedWithWarnings() {
    // Given a DatasetEvent without schemaURL and with a custom facet lacking its base fields
    // (metadata: it goes out as sent, so nothing reaches the registry)
    final String dataset =
        """
        {"eventTime": "2026-11-22T10:00:00Z", "producer": "https://p",
         "dataset": {"namespace": "s3://b", "name": "features.parquet",
                     "facets": {"%s": {"rows": 3}}}}
        """;
    // When
    final BridgeTranslator.Bridged bridged =
        translator.translate(in(dataset.formatted("stats").getBytes(StandardCharsets.UTF_8)));
    // Then bridged as it came, one header per warning, "pointer: detail", and counted once
    assertThat(bridged.out().topic()).isEqualTo(Topics.OPENLINEAGE_METADATA.name());
    assertThat(bridged.out().headers().headers(BridgeTranslator.WARNING_HEADER))
        .extracting(header -> new String(header.value(), StandardCharsets.UTF_8))
        .containsExactly(
            "/dataset/facets/stats/_producer: is required",
            "/dataset/facets/stats/_schemaURL: is required",
            "/schemaURL: is required");
    assertThat(bridged.warnings()).hasSize(3);
  }

  @Test
  void shouldClipAWarningHeaderWhenTheSendersKeyIsLong() {
    // Given a custom facet whose key is 5,000 characters long
    final String dataset =
        """
        {"eventTime": "2026-11-22T10:00:00Z", "producer": "https://p",
         "schemaURL": "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/DatasetEvent",
         "dataset": {"namespace": "s3://b", "name": "f", "facets": {"%s": {}}}}
        """
            .formatted("k".repeat(5000));
    // When
    final BridgeTranslator.Bridged bridged =
        translator.translate(in(dataset.getBytes(StandardCharsets.UTF_8)));
    // Then each header stays within its bound: a record's headers cannot outgrow the broker's limit
    for (final Header header : bridged.out().headers().headers(BridgeTranslator.WARNING_HEADER)) {
      final String value = new String(header.value(), StandardCharsets.UTF_8);
      assertThat(value).hasSize(BridgeTranslator.MAX_HEADER_CHARS).endsWith("…");
    }
    assertThat(bridged.out().headers().headers(BridgeTranslator.WARNING_HEADER)).hasSize(2);
  }

  private static ConsumerRecord<byte[], byte[]> in(final byte[] value) {
    return new ConsumerRecord<>("openlineage.events", 0, 7L, null, value);
  }

  /** {@code text} as UTF-8, with {@code marker} replaced by the bytes of {@code hex}. */
  private static byte[] bytes(final String text, final String marker, final String hex) {
    final String[] parts = text.split(marker, 2);
    final byte[] head = parts[0].getBytes(StandardCharsets.UTF_8);
    final byte[] bad = HexFormat.of().parseHex(hex);
    final byte[] tail = parts[1].getBytes(StandardCharsets.UTF_8);
    final byte[] all = new byte[head.length + bad.length + tail.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(bad, 0, all, head.length, bad.length);
    System.arraycopy(tail, 0, all, head.length + bad.length, tail.length);
    return all;
  }
}
