package dev.lineagegate.schema.serde;

import java.util.ArrayList;
import java.util.Collection;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;

/**
 * The data model of a generated class, except that arrays decode into {@link ArrayList}s instead of
 * Avro's own array type, whose {@code equals} compares elements with {@code GenericData} and throws
 * "Unknown datum type java.time.Instant" on a logical type inside a union (e.g. {@code
 * inputs[].producedAt}). Decoded records must compare equal to built ones: change detection of
 * verdicts and the tests depend on it.
 */
final class ListSpecificData extends SpecificData {

  private ListSpecificData(final ClassLoader loader) {
    super(loader);
  }

  /** The model of {@code type} with its logical-type conversions, lists for arrays. */
  static ListSpecificData of(final Class<?> type) {
    final ListSpecificData model = new ListSpecificData(type.getClassLoader());
    SpecificData.getForClass(type).getConversions().forEach(model::addLogicalTypeConversion);
    return model;
  }

  @Override
  @SuppressWarnings("unchecked")
  public Object newArray(final Object old, final int size, final Schema schema) {
    if (old instanceof Collection) {
      ((Collection<Object>) old).clear();
      return old;
    }
    return new ArrayList<>(size);
  }
}
