package dev.lineagegate.schema.serde;

import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;

/**
 * The Confluent wire format: magic byte 0, the schema id as a 4-byte big-endian int, then the Avro
 * binary encoding of the value.
 */
public final class WireFormat {

  public static final byte MAGIC_BYTE = 0;
  public static final int HEADER_LENGTH = 5;

  private WireFormat() {}

  /** The 5-byte header announcing {@code schemaId}. */
  static byte[] header(final int schemaId) {
    return ByteBuffer.allocate(HEADER_LENGTH).put(MAGIC_BYTE).putInt(schemaId).array();
  }

  /**
   * The schema id of a framed value.
   *
   * @throws WireFormatException when the bytes are too short or do not start with magic byte 0
   */
  public static int schemaId(final String topic, final byte[] bytes) {
    if (bytes.length < HEADER_LENGTH) {
      throw new WireFormatException(
          "value on topic "
              + topic
              + " is "
              + bytes.length
              + " bytes, shorter than the 5-byte Confluent header (magic byte + schema id)");
    }
    if (bytes[0] != MAGIC_BYTE) {
      throw new WireFormatException(
          String.format(
              "unknown magic byte 0x%02x on topic %s: not the Confluent wire format"
                  + " (expected 0x00)%s",
              bytes[0] & 0xff, topic, bytes[0] == '{' ? "; the value looks like JSON" : ""));
    }
    return ByteBuffer.wrap(bytes, 1, 4).getInt();
  }

  /** Bytes that are not a value in the Confluent wire format. Permanent: dead-letter them. */
  public static final class WireFormatException extends SerializationException {

    public WireFormatException(final String message) {
      super(message);
    }
  }
}
