package dev.lineagegate.service.state;

/**
 * A value that would exceed the bound in bytes of what a store keeps per key (or of a record to a
 * topic): thrown while serializing it, before anything is written, so that the caller can keep the
 * previous state and say why instead of writing a record that the broker refuses (a refused
 * changelog record aborts the transaction, and a replay fails on it again, forever).
 */
public final class StateLimitException extends RuntimeException {

  private final String what;
  private final int size;
  private final int limit;

  public StateLimitException(final String what, final int size, final int limit) {
    this(
        what,
        size,
        limit,
        what + " would be " + size + " bytes, over its limit of " + limit + " bytes");
  }

  /** A bound that is not in bytes (a count), said in {@code message}. */
  public StateLimitException(final String what, final String message) {
    this(what, -1, -1, message);
  }

  private StateLimitException(
      final String what, final int size, final int limit, final String message) {
    super(message);
    this.what = what;
    this.size = size;
    this.limit = limit;
  }

  /** The store or topic whose bound was hit. */
  public String what() {
    return what;
  }

  /** Bytes the value would have had; -1 for a bound that is a count. */
  public int size() {
    return size;
  }

  public int limit() {
    return limit;
  }
}
