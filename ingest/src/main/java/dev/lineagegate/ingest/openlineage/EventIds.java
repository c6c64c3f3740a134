package dev.lineagegate.ingest.openlineage;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/**
 * Event ids for OpenLineage events, which carry none. The eventId is our idempotency key (DESIGN
 * §3): the same OpenLineage event sent twice (a transport retry, a replayed Kafka topic) must get
 * the same id, and two different events different ids. So the id is a name-based UUID (version 5,
 * SHA-1, RFC 9562) over the event's canonical JSON: object keys sorted by UTF-16 code units, no
 * whitespace, arrays in their order, scalars as Jackson read them (a default ObjectMapper reads
 * {@code 1.50} as the double 1.5). Key order and formatting do not change the id; any change of
 * content does, including {@code 1} versus {@code 1.0}.
 *
 * <p>Changing the namespace or the canonical form changes every id, and duplicates that straddle
 * the change would be counted twice: treat both as frozen.
 */
final class EventIds {

  /** Namespace of lineage-gate's OpenLineage event ids: fixed, random, never to be changed. */
  static final UUID NAMESPACE = UUID.fromString("86ff9c9b-f298-4dac-b4f3-f51f705a07b7");

  private static final ObjectMapper JSON = new ObjectMapper();

  private EventIds() {}

  static String of(final JsonNode event) {
    return nameBased(NAMESPACE, canonical(event)).toString();
  }

  /** The canonical JSON bytes (UTF-8) of {@code node}. */
  static byte[] canonical(final JsonNode node) {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (JsonGenerator out = JSON.createGenerator(bytes)) {
      write(out, node);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write JSON to memory", e);
    }
    return bytes.toByteArray();
  }

  /** The version 5 UUID of {@code name} in {@code namespace}. */
  static UUID nameBased(final UUID namespace, final byte[] name) {
    final MessageDigest sha1;
    try {
      sha1 = MessageDigest.getInstance("SHA-1");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JDK has no SHA-1", e);
    }
    sha1.update(
        ByteBuffer.allocate(16)
            .putLong(namespace.getMostSignificantBits())
            .putLong(namespace.getLeastSignificantBits())
            .array());
    final byte[] hash = sha1.digest(name);
    hash[6] = (byte) ((hash[6] & 0x0f) | 0x50); // version 5
    hash[8] = (byte) ((hash[8] & 0x3f) | 0x80); // IETF variant
    final ByteBuffer bits = ByteBuffer.wrap(hash, 0, 16);
    return new UUID(bits.getLong(), bits.getLong());
  }

  private static void write(final JsonGenerator out, final JsonNode node) throws IOException {
    if (node.isObject()) {
      final List<String> names = new ArrayList<>();
      node.properties().forEach(property -> names.add(property.getKey()));
      Collections.sort(names);
      out.writeStartObject();
      for (final String name : names) {
        out.writeFieldName(name);
        write(out, node.get(name));
      }
      out.writeEndObject();
    } else if (node.isArray()) {
      out.writeStartArray();
      for (final JsonNode item : node) {
        write(out, item);
      }
      out.writeEndArray();
    } else {
      JSON.writeTree(out, node);
    }
  }
}
