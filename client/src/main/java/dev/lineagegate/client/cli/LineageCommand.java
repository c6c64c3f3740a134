package dev.lineagegate.client.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lineagegate.config.Settings;
import dev.lineagegate.schema.id.Digest;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code lineage-gate lineage <digest>}: what produced an artifact version (or what it fed), from
 * lineage-stream's {@code GET /v1/lineage/{digest}}; {@code lineage-gate lineage --name N}: the
 * name-level view of the same graph, datasets and jobs ({@code GET /v1/lineage?name=N}). As a tree,
 * JSON or Graphviz DOT. Exit codes: 0 shown, 2 bad usage, unknown digest or name, or unreachable.
 */
@Command(
    name = "lineage",
    description =
        "Show the lineage of an artifact version, or with --name of a dataset (from"
            + " lineage-stream).")
public final class LineageCommand implements Callable<Integer> {

  static final String DEFAULT_URL = "http://127.0.0.1:8081";
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  @Spec private CommandSpec spec;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "DIGEST",
      description = "sha256:<64 hex> (or --name).")
  private String digest;

  @Option(
      names = "--name",
      paramLabel = "NAME",
      description = "A dataset's name: its jobs and datasets instead of a version's runs.")
  private String name;

  @Option(
      names = "--direction",
      defaultValue = "upstream",
      description = "upstream, downstream or both (default: ${DEFAULT-VALUE}).")
  private String direction;

  @Option(
      names = "--depth",
      defaultValue = "5",
      description = "Runs (with --name: jobs) away from the root.")
  private int depth;

  @Option(
      names = "--format",
      defaultValue = "tree",
      description = "tree, json or dot (default: ${DEFAULT-VALUE}).")
  private String format;

  @Option(
      names = "--lineage-url",
      paramLabel = "URL",
      description =
          "lineage-stream base URL (default: $LINEAGE_GATE_LINEAGE_URL, else " + DEFAULT_URL + ").")
  private URI url;

  @Override
  public Integer call() {
    if ((digest == null) == (name == null)) {
      spec.commandLine().getErr().println("lineage: give either a DIGEST or --name NAME");
      return 2;
    }
    if (digest != null && !Digest.isValid(digest)) {
      spec.commandLine().getErr().println("lineage: not a digest: " + digest);
      return 2;
    }
    final String fmt = format.toLowerCase(Locale.ROOT);
    if (!Map.of("tree", 1, "json", 1, "dot", 1).containsKey(fmt)) {
      spec.commandLine().getErr().println("lineage: --format must be tree, json or dot");
      return 2;
    }
    final URI base = url != null ? url : defaultUrl();
    // The name is one query parameter, whatever it holds ('/', ':', '&', spaces).
    final String root = digest != null ? "/" + digest + "?" : "?name=" + encode(name) + "&";
    final URI query =
        URI.create(
            base
                + "/v1/lineage"
                + root
                + "direction="
                + encode(direction)
                + "&depth="
                + depth
                + ("dot".equals(fmt) ? "&format=dot" : ""));
    try {
      final HttpResponse<String> answer =
          HttpClient.newBuilder()
              .connectTimeout(TIMEOUT)
              .build()
              .send(
                  HttpRequest.newBuilder(query).timeout(TIMEOUT).GET().build(),
                  HttpResponse.BodyHandlers.ofString());
      if (answer.statusCode() != 200) {
        spec.commandLine()
            .getErr()
            .println(
                "lineage: HTTP " + answer.statusCode() + " from " + base + ": " + answer.body());
        return 2;
      }
      final String shown =
          "tree".equals(fmt)
              ? LineageTree.render(
                  new ObjectMapper().readTree(answer.body()), !"downstream".equals(direction))
              : answer.body();
      spec.commandLine().getOut().print(shown.endsWith("\n") ? shown : shown + "\n");
      if ("tree".equals(fmt)) {
        // JSON and DOT stay exactly what the service sent, for the tools that read them.
        spec.commandLine()
            .getOut()
            .println(digest != null ? WebLink.artifact(base, digest) : WebLink.name(base, name));
      }
      spec.commandLine().getOut().flush();
      return 0;
    } catch (IOException e) {
      spec.commandLine().getErr().println("lineage: cannot reach " + base + ": " + e);
      return 2;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 2;
    }
  }

  private static String encode(final String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  static URI defaultUrl() {
    final String configured =
        System.getenv(Settings.envName("lineage.url")) != null
            ? System.getenv(Settings.envName("lineage.url"))
            : System.getProperty("lineage.url", DEFAULT_URL);
    return URI.create(configured);
  }
}
