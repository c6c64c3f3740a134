package dev.lineagegate.lineagestream.query;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.Encoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * Store values between instances in Avro's own JSON encoding: it round-trips every field exactly
 * (unions, logical types), so a routed answer is the same as a local one.
 */
public final class AvroJson {

  private AvroJson() {}

  public static <T extends SpecificRecordBase> String write(final T record) {
    try {
      final ByteArrayOutputStream out = new ByteArrayOutputStream();
      final Encoder encoder = EncoderFactory.get().jsonEncoder(record.getSchema(), out);
      @SuppressWarnings("unchecked")
      final SpecificDatumWriter<T> writer = new SpecificDatumWriter<>((Class<T>) record.getClass());
      writer.write(record, encoder);
      encoder.flush();
      return out.toString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static <T extends SpecificRecord> T read(final Class<T> type, final String json) {
    try {
      final SpecificDatumReader<T> reader = new SpecificDatumReader<>(type);
      return reader.read(null, DecoderFactory.get().jsonDecoder(reader.getSchema(), json));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + type.getSimpleName() + " from JSON", e);
    }
  }
}
