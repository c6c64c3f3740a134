package dev.lineagegate.client.cli;

import dev.lineagegate.config.Settings;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The web view's page for what a command printed, as its last line, so that a CI log or a terminal
 * leads to the picture in one click (docs/WEB.md). The base is {@code lineage.public-url} (as
 * lineage-stream's own setting, {@code LINEAGE_GATE_LINEAGE_PUBLIC_URL}), else the lineage-stream
 * URL the command used or would use.
 */
final class WebLink {

  static final String PUBLIC_URL_SETTING = "lineage.public-url";

  private WebLink() {}

  static String artifact(final URI lineage, final String digest) {
    return "web view: " + base(lineage) + "/artifacts/" + digest;
  }

  static String name(final URI lineage, final String name) {
    return "web view: "
        + base(lineage)
        + "/names/"
        + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String base(final URI lineage) {
    final String configured =
        System.getenv(Settings.envName(PUBLIC_URL_SETTING)) != null
            ? System.getenv(Settings.envName(PUBLIC_URL_SETTING))
            : System.getProperty(PUBLIC_URL_SETTING, lineage.toString());
    return configured.endsWith("/") ? configured.substring(0, configured.length() - 1) : configured;
  }
}
