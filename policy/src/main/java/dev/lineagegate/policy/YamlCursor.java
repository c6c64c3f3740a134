package dev.lineagegate.policy;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.lineagegate.avro.VerdictStatus;
import java.io.IOException;
import java.time.Duration;
import java.time.format.DateTimeParseException;

/**
 * The YAML token stream of a policy file, read one typed scalar at a time. The policy is read from
 * tokens rather than from a tree because only the parser knows where each value stands: every
 * failure is reported at the line of the token at hand (the offending key or value).
 */
final class YamlCursor {

  static final String STATUSES = "PASS, WARN or BLOCK";

  private final JsonParser parser;
  private final String source;

  YamlCursor(final JsonParser parser, final String source) {
    this.parser = parser;
    this.source = source;
  }

  /** Advances to the next token; null at the end of the input. */
  JsonToken next() throws IOException {
    return parser.nextToken();
  }

  JsonToken token() {
    return parser.currentToken();
  }

  /** The 1-based line of the current token. */
  int line() {
    return lineOf(parser.currentTokenLocation());
  }

  static int lineOf(final JsonLocation location) {
    return location == null ? 0 : Math.max(location.getLineNr(), 0);
  }

  PolicyException fail(final String reason) {
    return failAt(line(), reason);
  }

  PolicyException failAt(final int line, final String reason) {
    return new PolicyException(source, line, reason);
  }

  /** Fails unless the current token is {@code expected}; {@code what} says what was wanted. */
  void expect(final JsonToken expected, final String what) throws IOException {
    if (token() != expected) {
      throw fail(what + ", got " + shown());
    }
  }

  /**
   * Advances within a mapping: true at the next key (read it with {@link #key()}), false at its
   * end.
   */
  boolean nextKey() throws IOException {
    return next() == JsonToken.FIELD_NAME;
  }

  String key() throws IOException {
    return parser.currentName();
  }

  /** Advances within a sequence: true at the next element, false at its end. */
  boolean nextElement() throws IOException {
    return next() != JsonToken.END_ARRAY;
  }

  /** The current token as a non-empty string scalar. */
  String string(final String field) throws IOException {
    if (token() != JsonToken.VALUE_STRING || parser.getText().isEmpty()) {
      throw fail(field + " must be a non-empty string, got " + shown());
    }
    return parser.getText();
  }

  /** The current token as an ISO-8601 duration that is not negative. */
  Duration duration(final String field) throws IOException {
    final String example = field + " must be an ISO-8601 duration such as PT24H";
    if (token() != JsonToken.VALUE_STRING) {
      throw fail(example + ", got " + shown());
    }
    final Duration duration;
    try {
      duration = Duration.parse(parser.getText());
    } catch (DateTimeParseException e) {
      throw fail(example + ", got " + shown());
    }
    if (duration.isNegative()) {
      throw fail(field + " must not be negative, got " + shown());
    }
    return duration;
  }

  /** The current token as a whole number not below 0. */
  long nonNegativeLong(final String field) throws IOException {
    if (token() != JsonToken.VALUE_NUMBER_INT
        || parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
      throw fail(field + " must be a whole number, got " + shown());
    }
    final long value = parser.getLongValue();
    if (value < 0) {
      throw fail(field + " must not be negative, got " + value);
    }
    return value;
  }

  /** The current token as a finite number not below 0. */
  double nonNegativeDouble(final String field) throws IOException {
    if (token() != JsonToken.VALUE_NUMBER_INT && token() != JsonToken.VALUE_NUMBER_FLOAT) {
      throw fail(field + " must be a number, got " + shown());
    }
    final double value = parser.getDoubleValue();
    if (!Double.isFinite(value) || value < 0) {
      throw fail(field + " must be a finite number not below 0, got " + parser.getText());
    }
    return value;
  }

  /** The current token as a verdict status, spelt exactly as the schema spells it. */
  VerdictStatus status(final String what) throws IOException {
    if (token() == JsonToken.VALUE_STRING) {
      for (final VerdictStatus status : VerdictStatus.values()) {
        if (status.name().equals(parser.getText())) {
          return status;
        }
      }
    }
    throw fail(what + " must be " + STATUSES + ", got " + shown());
  }

  /** The current token as the reader sees it, for error messages. */
  String shown() throws IOException {
    final JsonToken token = token();
    if (token == null) {
      return "the end of the file";
    }
    return switch (token) {
      case START_OBJECT -> "a mapping";
      case START_ARRAY -> "a list";
      case VALUE_NULL -> "nothing";
      case VALUE_STRING -> "\"" + parser.getText() + "\"";
      default -> parser.getText();
    };
  }
}
