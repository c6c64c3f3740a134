package dev.lineagegate.ingest.openlineage;

import java.util.ArrayList;
import java.util.List;

/**
 * A problem of an accepted OpenLineage event (DESIGN §6.2: "flag instead of losing"): where it is
 * (an RFC 6901 pointer into the event as sent) and what it is, plus two bounded labels for the
 * metric.
 *
 * @param pointer where the problem is
 * @param detail what is wrong, worded like a refusal's detail
 * @param facet the facet's key when it is a standard facet (or lineage-gate's own), {@link
 *     #CUSTOM_FACET} for any other key, {@link #EVENT} for the event's own fields
 * @param kind what sort of problem
 */
public record Warning(String pointer, String detail, String facet, Kind kind) {

  /** The facet label of every non-standard facet key: keys are the sender's, so unbounded. */
  public static final String CUSTOM_FACET = "custom";

  /** The facet label of a problem outside any facet ({@code producer}, {@code schemaURL}). */
  public static final String EVENT = "event";

  /** At most this many warnings are listed per event (answer body, record headers). */
  public static final int MAX_LISTED = 100;

  /** What sort of problem a warning is; {@link #tag()} is its metric label. */
  public enum Kind {
    /** {@code producer}/{@code schemaURL} of the event, {@code _producer}/{@code _schemaURL}. */
    BASE_FIELDS("base_fields"),
    /** Facet content (or a facets object) that does not match its schema. */
    SCHEMA("schema"),
    /** A facet left out of the mapping: a field lineage-gate reads from it is malformed. */
    IGNORED("ignored");

    private final String tag;

    Kind(final String tag) {
      this.tag = tag;
    }

    public String tag() {
      return tag;
    }
  }

  /** {@code pointer: detail}, as one line (a record header's value). */
  public String line() {
    return pointer + ": " + detail;
  }

  /**
   * {@code warnings} as they are listed to the sender: the first {@link #MAX_LISTED}, then one that
   * says how many more there were, so that an event with thousands of broken facets cannot make an
   * answer or a record's headers unbounded.
   */
  public static List<Warning> listed(final List<Warning> warnings) {
    if (warnings.size() <= MAX_LISTED) {
      return warnings;
    }
    final List<Warning> listed = new ArrayList<>(warnings.subList(0, MAX_LISTED));
    listed.add(
        new Warning(
            "", (warnings.size() - MAX_LISTED) + " more warnings not listed", EVENT, Kind.SCHEMA));
    return List.copyOf(listed);
  }
}
