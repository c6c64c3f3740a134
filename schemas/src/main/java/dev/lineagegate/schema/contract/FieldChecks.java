package dev.lineagegate.schema.contract;

import dev.lineagegate.schema.json.FieldError;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The checks of one field each, for {@link LimitCheck}'s walk: lengths, counts, the name rule,
 * times, text UTF-8 can hold, and the size estimate they add up to. A field's pointer is {@code
 * parent[/index]field}, built only for an error: the walk runs on ingest's hot path.
 */
final class FieldChecks {

  /** Bytes counted per field, array item and map entry. */
  static final int FIELD = 16;

  private final List<FieldError> errors;
  private final String base;
  private long size = FIELD; // the wire header

  FieldChecks(final List<FieldError> errors, final String base) {
    this.errors = errors;
    this.base = base;
  }

  long size() {
    return size;
  }

  void map(final String at, final Map<String, String> map) {
    count(at, map.size(), EventLimits.MAP_ENTRIES, "entries");
    for (final Map.Entry<String, String> entry : map.entrySet()) {
      fields(2); // the entry and its value
      final String key = entry.getKey();
      final boolean named = key.length() <= EventLimits.MAP_KEY;
      if (!named) {
        add(
            at,
            "has a key of "
                + key.length()
                + " characters, longer than the "
                + EventLimits.MAP_KEY
                + " allowed (\""
                + Strings.clip(key)
                + "\")");
      }
      final int unpairedInKey = measure(key);
      if (unpairedInKey >= 0) {
        add(at, unpaired("has a key holding", key, unpairedInKey));
      }
      final String value = entry.getValue();
      final int unpaired = measure(value);
      if (value.length() > EventLimits.MAP_VALUE || unpaired >= 0) {
        // The entry's pointer names its key, unless the key is itself too long to repeat.
        final String entryAt = named ? at + "/" + Strings.escapePointer(key) : at;
        if (value.length() > EventLimits.MAP_VALUE) {
          add(entryAt, tooLong(value, EventLimits.MAP_VALUE));
        }
        if (unpaired >= 0) {
          add(entryAt, unpaired("holds", value, unpaired));
        }
      }
    }
  }

  /** A name: the limit, and no control characters (EventContract's one rule for names). */
  void name(
      final String parent, final int index, final String field, final String value, final int max) {
    text(parent, index, field, value, max);
    final String problem = EventContract.nameViolation(value);
    if (problem != null) {
      add(pointer(parent, index, field), problem);
    }
  }

  void text(final String at, final String value, final int max) {
    text(at, -1, "", value, max);
  }

  /**
   * A string field at {@code parent[/index]field} (the pointer is only built for an error):
   * counted, at most {@code max} characters (0: no limit here), Unicode text.
   */
  void text(
      final String parent, final int index, final String field, final String value, final int max) {
    fields(1);
    if (value == null) {
      return;
    }
    final int unpaired = measure(value);
    if (max > 0 && value.length() > max) {
      add(pointer(parent, index, field), tooLong(value, max));
    }
    if (unpaired >= 0) {
      add(pointer(parent, index, field), unpaired("holds", value, unpaired));
    }
  }

  /**
   * Adds the bytes UTF-8 needs for {@code value} to the size (a surrogate pair is 4, as UTF-8
   * writes it; a lone surrogate counts 2, more than the {@code ?} Java would write for it) and
   * returns the index of its first unpaired surrogate, or -1. One pass; ASCII costs one compare.
   */
  private int measure(final String value) {
    final int n = value.length();
    long bytes = n;
    int unpaired = -1;
    for (int i = 0; i < n; i++) {
      final char c = value.charAt(i);
      if (c < 0x80) {
        continue;
      }
      if (c < 0x800) {
        bytes++;
      } else if (!Character.isSurrogate(c)) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < n
          && Character.isLowSurrogate(value.charAt(i + 1))) {
        bytes += 2; // 4 bytes for the two chars of the pair
        i++;
      } else {
        bytes++;
        unpaired = unpaired < 0 ? i : unpaired;
      }
    }
    size += bytes;
    return unpaired;
  }

  /** Refused: UTF-8 has no bytes for a lone surrogate (Avro would write "?"). */
  private static String unpaired(final String verb, final String value, final int at) {
    return verb
        + " an unpaired UTF-16 surrogate (\\u"
        + Integer.toHexString(value.charAt(at)).toUpperCase(Locale.ROOT)
        + " at index "
        + at
        + "): it is not Unicode text, and UTF-8 cannot hold it";
  }

  private static String tooLong(final String value, final int max) {
    return "is " + value.length() + " characters, longer than the " + max + " allowed";
  }

  void time(final String at, final Instant time) {
    time(at, -1, "", time);
  }

  void time(final String parent, final int index, final String field, final Instant time) {
    fields(1);
    if (time != null
        && (time.isBefore(EventLimits.EARLIEST_TIME) || time.isAfter(EventLimits.LATEST_TIME))) {
      add(
          pointer(parent, index, field),
          "is "
              + time
              + ", outside "
              + EventLimits.EARLIEST_TIME
              + " to "
              + EventLimits.LATEST_TIME);
    }
  }

  void count(final String at, final int count, final int max, final String what) {
    fields(1);
    if (count > max) {
      add(at, "has " + count + " " + what + ", more than the " + max + " allowed");
    }
  }

  void fields(final int count) {
    size += (long) FIELD * count;
  }

  private static String pointer(final String parent, final int index, final String field) {
    return index < 0 ? parent + field : parent + "/" + index + field;
  }

  void add(final String at, final String message) {
    errors.add(new FieldError(base + at, message));
  }
}
