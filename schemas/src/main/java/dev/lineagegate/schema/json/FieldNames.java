package dev.lineagegate.schema.json;

import dev.lineagegate.schema.json.StreamingFields.NotFast;
import java.util.Arrays;

/**
 * The keys of the objects {@link StreamingEventReader} is inside, to give up ({@link NotFast}) on a
 * key repeated in one object, which the tree reader then names ({@link JsonDocuments.Keys#UNIQUE}).
 * One per body: each object's keys sit above those of the objects around it, from the mark its loop
 * opened. Jackson's own STRICT_DUPLICATE_DETECTION (a hash set per object) cost a sixth of the fast
 * path; objects here have a handful of keys, compared by identity (Jackson interns them) or cached
 * hash first.
 */
final class FieldNames {

  private String[] names = new String[32];
  private int size;

  /** Starts an object: its keys are those added from the returned mark on. */
  int open() {
    return size;
  }

  /** Adds a key of the object opened at {@code mark}; a repeat gives up. */
  void add(final int mark, final String name) {
    final int hash = name.hashCode();
    for (int i = mark; i < size; i++) {
      final String seen = names[i];
      if (seen == name || (seen.hashCode() == hash && seen.equals(name))) {
        throw NotFast.INSTANCE;
      }
    }
    if (size == names.length) {
      names = Arrays.copyOf(names, size * 2);
    }
    names[size++] = name;
  }

  /** Ends the object opened at {@code mark}. */
  void close(final int mark) {
    size = mark;
  }
}
