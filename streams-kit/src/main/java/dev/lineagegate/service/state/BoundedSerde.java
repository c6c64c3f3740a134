package dev.lineagegate.service.state;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A serde whose serializer refuses values larger than a bound, with a {@link StateLimitException}.
 * Given to a store builder, it bounds what the store keeps per key in bytes at the one place every
 * write passes through (a store serializes on {@code put}, before its cache, so the check costs no
 * second serialization); given to a sink, it turns a record the broker would refuse into an error
 * the production exception handler sees before anything is sent.
 */
public final class BoundedSerde {

  private BoundedSerde() {}

  /** {@code inner}, refusing values of more than {@code limit} bytes; {@code what} names it. */
  public static <T> Serde<T> of(final Serde<T> inner, final int limit, final String what) {
    return Serdes.serdeFrom(serializer(inner.serializer(), limit, what), inner.deserializer());
  }

  public static <T> Serializer<T> serializer(
      final Serializer<T> inner, final int limit, final String what) {
    if (limit <= 0) {
      throw new IllegalArgumentException("the limit of " + what + " must be positive: " + limit);
    }
    return new Serializer<>() {
      @Override
      public byte[] serialize(final String topic, final T data) {
        return check(inner.serialize(topic, data));
      }

      @Override
      public byte[] serialize(final String topic, final Headers headers, final T data) {
        return check(inner.serialize(topic, headers, data));
      }

      private byte[] check(final byte[] bytes) {
        if (bytes != null && bytes.length > limit) {
          throw new StateLimitException(what, bytes.length, limit);
        }
        return bytes;
      }

      @Override
      public void close() {
        inner.close();
      }
    };
  }
}
