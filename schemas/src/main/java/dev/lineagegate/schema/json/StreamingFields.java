package dev.lineagegate.schema.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Token-level reads for {@link StreamingEventReader}, each on the parser's current token. Each one
 * accepts exactly the values that {@link JsonFields} reads without an error, and returns what it
 * would return; on anything else it gives up with {@link NotFast}, so that the tree reader (which
 * names every error) decides. A JSON null is an absent field, as for the tree reader.
 */
final class StreamingFields {

  private StreamingFields() {}

  /**
   * The input is not a valid event, or not one this path maps: read the tree instead. Carries no
   * stack trace, since it is control flow and not a failure.
   */
  static final class NotFast extends RuntimeException {

    private static final long serialVersionUID = 1L;

    static final NotFast INSTANCE = new NotFast();

    private NotFast() {
      super("not on the streaming path", null, false, false);
    }
  }

  /** True at the start of an object, false for null; gives up on anything else. */
  static boolean object(final JsonParser p) {
    if (p.currentToken() == JsonToken.START_OBJECT) {
      return true;
    }
    if (p.currentToken() == JsonToken.VALUE_NULL) {
      return false;
    }
    throw NotFast.INSTANCE;
  }

  /** True at the start of an array, false for null; gives up on anything else. */
  static boolean array(final JsonParser p) {
    if (p.currentToken() == JsonToken.START_ARRAY) {
      return true;
    }
    if (p.currentToken() == JsonToken.VALUE_NULL) {
      return false;
    }
    throw NotFast.INSTANCE;
  }

  static String text(final JsonParser p) throws IOException {
    if (p.currentToken() == JsonToken.VALUE_STRING) {
      return p.getText();
    }
    if (p.currentToken() == JsonToken.VALUE_NULL) {
      return null;
    }
    throw NotFast.INSTANCE;
  }

  /** Present and not blank, or the tree reader would report it. */
  static String requiredText(final JsonParser p) throws IOException {
    final String text = text(p);
    if (text == null || text.isBlank()) {
      throw NotFast.INSTANCE;
    }
    return text;
  }

  static Long wholeNumber(final JsonParser p) throws IOException {
    if (p.currentToken() == JsonToken.VALUE_NULL) {
      return null;
    }
    if (p.currentToken() != JsonToken.VALUE_NUMBER_INT
        || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
      throw NotFast.INSTANCE;
    }
    return p.getLongValue();
  }

  static Integer smallWholeNumber(final JsonParser p) throws IOException {
    final Long value = wholeNumber(p);
    if (value != null && (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE)) {
      throw NotFast.INSTANCE;
    }
    return value == null ? null : value.intValue();
  }

  static Double number(final JsonParser p) throws IOException {
    if (p.currentToken() == JsonToken.VALUE_NULL) {
      return null;
    }
    if (p.currentToken() == JsonToken.VALUE_NUMBER_INT
        && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
      return p.getDoubleValue();
    }
    if (p.currentToken() == JsonToken.VALUE_NUMBER_FLOAT) {
      final double value = p.getDoubleValue();
      // Out of double range, the tree keeps a BigDecimal: leave those to it.
      if (Double.isFinite(value)) {
        return value;
      }
    }
    throw NotFast.INSTANCE;
  }

  static Boolean bool(final JsonParser p) {
    if (p.currentToken() == JsonToken.VALUE_TRUE) {
      return Boolean.TRUE;
    }
    if (p.currentToken() == JsonToken.VALUE_FALSE) {
      return Boolean.FALSE;
    }
    if (p.currentToken() == JsonToken.VALUE_NULL) {
      return null;
    }
    throw NotFast.INSTANCE;
  }

  /** The same instant as {@link JsonFields#instant}. */
  static Instant instant(final JsonParser p) throws IOException {
    final String text = text(p);
    if (text == null) {
      return null;
    }
    final Instant instant = IsoTimes.parse(text);
    if (instant == null) {
      throw NotFast.INSTANCE;
    }
    return instant;
  }

  /**
   * A flat map of strings. Strings, booleans, null and int/long numbers are kept as the tree's
   * {@code asText()} gives them; other numbers and nested JSON go to the tree, whose text form of
   * them this path does not reproduce.
   */
  static Map<String, String> stringMap(final JsonParser p, final FieldNames names)
      throws IOException {
    final Map<String, String> map = new LinkedHashMap<>();
    if (!object(p)) {
      return map;
    }
    final int keys = names.open();
    for (String key = p.nextFieldName(); key != null; key = p.nextFieldName()) {
      names.add(keys, key);
      final JsonToken value = p.nextToken();
      if (value == JsonToken.VALUE_STRING) {
        map.put(key, p.getText());
      } else if (value == JsonToken.VALUE_TRUE || value == JsonToken.VALUE_FALSE) {
        map.put(key, Boolean.toString(value == JsonToken.VALUE_TRUE));
      } else if (value == JsonToken.VALUE_NULL) {
        map.put(key, "null");
      } else if (value == JsonToken.VALUE_NUMBER_INT
          && p.getNumberType() == JsonParser.NumberType.INT) {
        map.put(key, Integer.toString(p.getIntValue()));
      } else if (value == JsonToken.VALUE_NUMBER_INT
          && p.getNumberType() == JsonParser.NumberType.LONG) {
        map.put(key, Long.toString(p.getLongValue()));
      } else {
        throw NotFast.INSTANCE;
      }
    }
    names.close(keys);
    return map;
  }

  /** A fresh map: Avro records keep what they are given, so no two may share one. */
  static Map<String, String> emptyMap() {
    return new LinkedHashMap<>();
  }

  /** The enum constant named {@code text}; an unknown symbol is left to the tree's message. */
  static <E extends Enum<E>> E symbol(final Class<E> type, final String text) {
    try {
      return Enum.valueOf(type, text);
    } catch (IllegalArgumentException e) {
      throw NotFast.INSTANCE;
    }
  }

  /**
   * Skips the value of a field the mapping does not know. Strings are decoded all the same, so that
   * text the tree would refuse to decode is refused here too, and the keys of skipped objects are
   * checked for repeats as the tree's are.
   */
  static void skip(final JsonParser p, final FieldNames names) throws IOException {
    final JsonToken token = p.currentToken();
    if (token == JsonToken.VALUE_STRING) {
      p.getText();
    } else if (token == JsonToken.START_OBJECT) {
      final int keys = names.open();
      for (String key = p.nextFieldName(); key != null; key = p.nextFieldName()) {
        names.add(keys, key);
        p.nextToken();
        skip(p, names);
      }
      names.close(keys);
    } else if (token == JsonToken.START_ARRAY) {
      for (JsonToken item = p.nextToken(); item != JsonToken.END_ARRAY; item = p.nextToken()) {
        if (item == null) {
          throw NotFast.INSTANCE;
        }
        skip(p, names);
      }
    }
  }
}
