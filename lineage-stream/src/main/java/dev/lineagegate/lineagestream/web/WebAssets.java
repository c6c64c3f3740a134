package dev.lineagegate.lineagestream.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Where the pages find the WebJars: their version is the one Maven put on the classpath (pinned in
 * the root pom), read from the jar's own pom.properties, so that no version is written twice.
 */
final class WebAssets {

  private static final String CYTOSCAPE =
      "/META-INF/maven/org.webjars.npm/cytoscape/pom.properties";
  private static volatile String cytoscape;

  private WebAssets() {}

  static String cytoscapeVersion() {
    if (cytoscape == null) {
      try (InputStream in = WebAssets.class.getResourceAsStream(CYTOSCAPE)) {
        if (in == null) {
          throw new IllegalStateException("the Cytoscape.js WebJar is not on the classpath");
        }
        final Properties props = new Properties();
        props.load(in);
        cytoscape = props.getProperty("version");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return cytoscape;
  }
}
