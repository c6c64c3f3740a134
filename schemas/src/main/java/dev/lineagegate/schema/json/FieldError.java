package dev.lineagegate.schema.json;

/**
 * One invalid field of a JSON document: where (an RFC 6901 JSON pointer) and why (a sentence for a
 * person), as listed in an RFC 9457 problem body.
 */
public record FieldError(String pointer, String message) {

  @Override
  public String toString() {
    return (pointer.isEmpty() ? "/" : pointer) + ": " + message;
  }
}
