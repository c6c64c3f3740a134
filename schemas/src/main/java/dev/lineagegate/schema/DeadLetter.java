package dev.lineagegate.schema;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * How a record lands on {@code lineage.events.dlq.v1}: its original key and bytes, and headers
 * saying what failed and where it came from, so that it can be inspected and replayed.
 */
public final class DeadLetter {

  public static final String EXCEPTION = "lineage-gate.error.exception";
  public static final String MESSAGE = "lineage-gate.error.message";
  public static final String TOPIC = "lineage-gate.error.topic";
  public static final String PARTITION = "lineage-gate.error.partition";
  public static final String OFFSET = "lineage-gate.error.offset";

  private static final int MAX_MESSAGE = 4096;

  private DeadLetter() {}

  /** The dead letter of the record at {@code topic}/{@code partition}/{@code offset}. */
  public static ProducerRecord<byte[], byte[]> of(
      final String topic,
      final int partition,
      final long offset,
      final byte[] key,
      final byte[] value,
      final Throwable error) {
    return new ProducerRecord<>(
        Topics.EVENTS_DLQ.name(),
        null,
        key,
        value,
        headers(new RecordHeaders(), topic, partition, offset, error));
  }

  /** Adds the error headers of the record at {@code topic}/{@code partition}/{@code offset}. */
  public static Headers headers(
      final Headers headers,
      final String topic,
      final int partition,
      final long offset,
      final Throwable error) {
    headers.add(EXCEPTION, utf8(error.getClass().getName()));
    final String message = String.valueOf(error.getMessage());
    headers.add(
        MESSAGE,
        utf8(message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) : message));
    headers.add(TOPIC, utf8(topic));
    headers.add(PARTITION, utf8(Integer.toString(partition)));
    headers.add(OFFSET, utf8(Long.toString(offset)));
    return headers;
  }

  /** A header's value as text, or null when absent. */
  public static String header(final Headers headers, final String name) {
    final org.apache.kafka.common.header.Header header = headers.lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  private static byte[] utf8(final String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
