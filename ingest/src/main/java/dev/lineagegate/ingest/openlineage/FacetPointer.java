package dev.lineagegate.ingest.openlineage;

import java.util.Arrays;

/**
 * Where a JSON pointer of an event falls among its facets: the facets object it is in (its location
 * and pointer), the facet's key, and the rest of the pointer inside that facet. Pointers are RFC
 * 6901, as the validator reports them; a pointer outside every facets object has none.
 *
 * @param location where the facets object sits
 * @param container the pointer of the facets object ({@code /run/facets}, {@code
 *     /inputs/0/inputFacets})
 * @param key the facet's key, unescaped; null when the pointer is the facets object itself
 * @param relative the rest of the pointer inside the facet, escaped; empty for the facet itself
 */
record FacetPointer(FacetLocation location, String container, String key, String relative) {

  /** The facet that {@code pointer} falls in, or null when it is in no facets object. */
  static FacetPointer of(final String pointer) {
    final String[] segments = pointer.split("/", -1);
    if (segments.length < 3 || !segments[0].isEmpty()) {
      return null;
    }
    final int keyAt;
    final FacetLocation location;
    if (segments[2].equals("facets")
        && (segments[1].equals("run") || segments[1].equals("job") || isStatic(segments[1]))) {
      keyAt = 3;
      location =
          switch (segments[1]) {
            case "run" -> FacetLocation.RUN;
            case "job" -> FacetLocation.JOB;
            default -> FacetLocation.DATASET;
          };
    } else if (segments.length >= 4 && isDatasetList(segments[1]) && isIndex(segments[2])) {
      keyAt = 4;
      location = datasetLocation(segments[1], segments[3]);
      if (location == null) {
        return null;
      }
    } else {
      return null;
    }
    final String container = String.join("/", Arrays.copyOfRange(segments, 0, keyAt));
    if (segments.length == keyAt) {
      return new FacetPointer(location, container, null, "");
    }
    final String escapedKey = segments[keyAt];
    final String facet = container + "/" + escapedKey;
    return new FacetPointer(
        location, container, unescape(escapedKey), pointer.substring(facet.length()));
  }

  /** The pointer of the facet itself; null for the facets object. */
  String facet() {
    return key == null ? null : container + "/" + SchemaErrors.escape(key);
  }

  private static boolean isStatic(final String segment) {
    return segment.equals("dataset");
  }

  private static boolean isDatasetList(final String segment) {
    return segment.equals("inputs") || segment.equals("outputs");
  }

  private static boolean isIndex(final String segment) {
    return !segment.isEmpty() && segment.chars().allMatch(Character::isDigit);
  }

  /** {@code facets} of any dataset, or the input's or output's own facets. */
  private static FacetLocation datasetLocation(final String list, final String facets) {
    if (facets.equals("facets")) {
      return FacetLocation.DATASET;
    }
    if (list.equals("inputs") && facets.equals("inputFacets")) {
      return FacetLocation.INPUT_DATASET;
    }
    if (list.equals("outputs") && facets.equals("outputFacets")) {
      return FacetLocation.OUTPUT_DATASET;
    }
    return null;
  }

  /** RFC 6901: {@code ~1} is "/", then {@code ~0} is "~". */
  static String unescape(final String segment) {
    return segment.replace("~1", "/").replace("~0", "~");
  }
}
