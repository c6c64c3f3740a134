package dev.lineagegate.schema.id;

import java.util.UUID;

/**
 * The id of one run of a step (DESIGN.md §2). Native events use UUIDs; a runId mapped from
 * OpenLineage that is not a UUID is kept as an opaque id (§6.2), so the only rules are: not blank,
 * no control characters, at most {@value #MAX_LENGTH} characters (it is a Kafka key).
 */
public record RunId(String value) implements Comparable<RunId> {

  public static final int MAX_LENGTH = 256;

  public RunId {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("runId must not be blank");
    }
    if (value.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "runId longer than " + MAX_LENGTH + " characters (" + value.length() + ")");
    }
    if (value.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException("runId contains a control character");
    }
  }

  public static RunId parse(final String text) {
    return new RunId(text);
  }

  public static RunId random() {
    return new RunId(UUID.randomUUID().toString());
  }

  /** True when this id is a canonical UUID, as every native client writes. */
  public boolean isUuid() {
    try {
      return UUID.fromString(value).toString().equals(value);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  @Override
  public int compareTo(final RunId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
