package dev.lineagegate.schema.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Finds which string of a JSON document holds the invalid UTF-8 at a byte offset, by walking
 * Jackson's tokens up to it: bytes above ASCII can only sit inside strings in valid JSON, so the
 * string (value or key) whose bytes span the offset is the one. Only run on a refusal, so it may
 * parse the whole document again.
 */
final class Utf8Locator {

  private Utf8Locator() {}

  /** The error for the bad bytes at {@code offset}: the pointer of their string, else "". */
  static FieldError locate(final JsonFactory factory, final byte[] bytes, final int offset) {
    final String where = " (byte " + offset + " of the body); it is refused, not repaired";
    String keyOf = null; // the object whose key is the last token read, while unresolved
    long readUpTo = 0;
    JsonParser parser = null;
    try (JsonParser p = factory.createParser(bytes)) {
      parser = p;
      for (JsonToken token = p.nextToken(); token != null; token = p.nextToken()) {
        final long start = p.currentTokenLocation().getByteOffset();
        if (keyOf != null && offset < start) {
          return key(keyOf, where);
        }
        keyOf = null;
        if (start > offset) {
          break;
        }
        if (token == JsonToken.FIELD_NAME) {
          keyOf = objectPointer(p.getParsingContext());
        } else if (token == JsonToken.VALUE_STRING) {
          final String pointer = p.getParsingContext().pathAsPointer().toString();
          try {
            p.finishToken(); // Jackson decodes strings lazily: make it read this one now
          } catch (IOException e) {
            return value(pointer, where);
          }
          if (offset < p.currentLocation().getByteOffset()) {
            return value(pointer, where);
          }
        }
        readUpTo = p.currentLocation().getByteOffset();
      }
    } catch (IOException e) {
      // Jackson stopped on the bad bytes themselves: inside a key if a quote opened one there.
      if (parser != null
          && parser.getParsingContext().inObject()
          && insideQuotes(bytes, (int) readUpTo, offset)) {
        return key(objectPointer(parser.getParsingContext()), where);
      }
    }
    return new FieldError("", "the body is not valid UTF-8" + where);
  }

  private static FieldError value(final String pointer, final String where) {
    return new FieldError(pointer, "is not valid UTF-8" + where);
  }

  private static FieldError key(final String object, final String where) {
    return new FieldError(object, "has a key that is not valid UTF-8" + where);
  }

  /** The pointer of the object whose context {@code context} is (its own name excluded). */
  private static String objectPointer(final JsonStreamContext context) {
    return JsonPointer.forPath(context.getParent(), false).toString();
  }

  /**
   * True when, after {@code from}, only whitespace and commas come before a quote that opens a
   * string still open at {@code offset}.
   */
  private static boolean insideQuotes(final byte[] bytes, final int from, final int offset) {
    int i = from;
    while (i < offset
        && (bytes[i] == ','
            || bytes[i] == ' '
            || bytes[i] == '\n'
            || bytes[i] == '\r'
            || bytes[i] == '\t')) {
      i++;
    }
    if (i >= offset || bytes[i] != '"') {
      return false;
    }
    for (i++; i < offset; i++) {
      if (bytes[i] == '\\') {
        i++;
      } else if (bytes[i] == '"') {
        return false;
      }
    }
    return true;
  }
}
