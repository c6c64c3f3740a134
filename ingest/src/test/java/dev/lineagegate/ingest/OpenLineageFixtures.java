package dev.lineagegate.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** OpenLineage's own example events (fluentd proxy), copied into the test resources. */
final class OpenLineageFixtures {

  private OpenLineageFixtures() {}

  static String text(final String name) throws IOException {
    try (InputStream in =
        OpenLineageFixtures.class.getResourceAsStream(
            "/openlineage/proxy/fluentd/events/" + name)) {
      assertThat(in).as(name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
