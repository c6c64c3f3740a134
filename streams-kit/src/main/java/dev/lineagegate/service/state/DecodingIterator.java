package dev.lineagegate.service.state;

import java.util.function.Function;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;

/** The entries of a store of encoded values, decoded one by one as they are read. */
final class DecodingIterator<V> implements KeyValueIterator<String, V> {

  private final KeyValueIterator<String, byte[]> encoded;
  private final Function<byte[], V> decode;

  DecodingIterator(
      final KeyValueIterator<String, byte[]> encoded, final Function<byte[], V> decode) {
    this.encoded = encoded;
    this.decode = decode;
  }

  @Override
  public boolean hasNext() {
    return encoded.hasNext();
  }

  @Override
  public KeyValue<String, V> next() {
    final KeyValue<String, byte[]> next = encoded.next();
    return KeyValue.pair(next.key, decode.apply(next.value));
  }

  @Override
  public String peekNextKey() {
    return encoded.peekNextKey();
  }

  @Override
  public void close() {
    encoded.close();
  }
}
