package dev.lineagegate.gate.stream;

import java.time.Instant;

/**
 * Store and repartition keys. Every artifact-task key starts with the digest so that it lives with
 * the artifact's partition; ordered parts are zero-padded so that byte order is numeric order.
 */
public final class StoreKeys {

  private static final char SEP = '|';

  private StoreKeys() {}

  /**
   * The key of the name task: {@code name:<name>}, or {@code artifact:<digest>} for a nameless
   * artifact, so that every decision about one name is ordered through one task.
   */
  public static String nameAddress(final String name, final String artifact) {
    return name != null ? "name:" + name : "artifact:" + artifact;
  }

  /** Decision log: digest, then the decision's offset in its partition (publication order). */
  public static String log(final String digest, final long offset) {
    return digest + SEP + String.format("%020d", offset);
  }

  public static String logPrefix(final String digest) {
    return digest + SEP;
  }

  public static String request(final String digest, final String requestId) {
    return digest + SEP + requestId;
  }

  /** Waiver expiry index: expiry millis first, so that a range scan finds what is due. */
  public static String expiry(final Instant expiresAt, final String digest, final String id) {
    return String.format("%019d", expiresAt.toEpochMilli()) + SEP + digest + SEP + id;
  }

  /** The greatest expiry key due at {@code now}. */
  public static String expiryUpTo(final Instant now) {
    return String.format("%019d", now.toEpochMilli()) + SEP + '\uffff';
  }

  public static String[] expiryParts(final String key) {
    return key.split("\\|", 3);
  }
}
