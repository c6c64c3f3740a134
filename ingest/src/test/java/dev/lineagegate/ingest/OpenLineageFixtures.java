package dev.lineagegate.ingest;

import dev.lineagegate.ingest.openlineage.SharedReferenceData;
import java.nio.charset.StandardCharsets;

/** OpenLineage's own example events (fluentd proxy), read from the shared folder. */
final class OpenLineageFixtures {

  private OpenLineageFixtures() {}

  static String text(final String name) {
    return new String(
        SharedReferenceData.bytes("proxy/fluentd/events/" + name), StandardCharsets.UTF_8);
  }
}
