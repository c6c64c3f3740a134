package dev.lineagegate.schema;

import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericData;

/**
 * Works around an Avro defect: {@code GenericData.Array.equals} (the list type of every record
 * built with {@code newBuilder(other)} or decoded) compares its elements through the global {@link
 * GenericData#get()}, which knows no logical types, so comparing a record holding an {@code
 * Instant} inside a union (e.g. {@code inputs[].producedAt}) throws "Unknown datum type
 * java.time.Instant". Registering the conversions of our schemas on that instance fixes it. Every
 * entry point that creates or decodes contracts calls {@link #ensure()}; it is idempotent. A
 * consequence, in this JVM: generic readers decode {@code timestamp-millis} as {@code Instant} too,
 * as the generated classes do.
 */
public final class AvroCompat {

  static {
    GenericData.get().addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
  }

  private AvroCompat() {}

  /** Runs the one-time registration (class initialisation does it, exactly once per JVM). */
  public static void ensure() {
    // the static initializer above is the work
  }
}
