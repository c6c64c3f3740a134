package dev.lineagegate.ingest.openlineage;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * OpenLineage's reference data in the project's shared folder beside the repository ({@code
 * shared/openlineage/}: spec tests and the fluentd proxy's example events), read where it lies and
 * never copied: a file added there shows up in the tests that list it. Found through the system
 * property {@value #PROPERTY}, else in a {@code shared/openlineage} folder beside the working
 * directory or one of its parents (the repository's clone, on a developer's machine and in CI).
 */
public final class SharedReferenceData {

  public static final String PROPERTY = "lineagegate.openlineage.reference";

  /** The events and facet examples that are listed: every JSON file under these folders. */
  static final List<String> FOLDERS = List.of("spec/tests", "proxy/fluentd/events");

  private SharedReferenceData() {}

  /** The {@code openlineage} folder; fails, saying where it looked, when there is none. */
  public static Path root() {
    final String configured = System.getProperty(PROPERTY);
    if (configured != null) {
      return Path.of(configured);
    }
    final Path start = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      final Path candidate = dir.resolve("shared").resolve("openlineage");
      if (Files.isDirectory(candidate.resolve("spec"))) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        "no shared/openlineage folder beside "
            + start
            + " or its parents; set -D"
            + PROPERTY
            + "=<folder>");
  }

  /** Every JSON file under {@link #FOLDERS}, as paths relative to {@link #root()}, sorted. */
  public static List<String> files() {
    return files(FOLDERS);
  }

  /** Every JSON file under {@code folders}, as paths relative to {@link #root()}, sorted. */
  public static List<String> files(final List<String> folders) {
    final Path root = root();
    return folders.stream()
        .flatMap(folder -> walk(root.resolve(folder)))
        .filter(path -> path.toString().endsWith(".json"))
        .map(path -> root.relativize(path).toString().replace('\\', '/'))
        .sorted()
        .toList();
  }

  public static byte[] bytes(final String file) {
    try {
      return Files.readAllBytes(root().resolve(file));
    } catch (IOException e) {
      throw new UncheckedIOException(file, e);
    }
  }

  public static JsonNode tree(final String file) {
    try {
      return OpenLineageEvents.JSON.readTree(bytes(file));
    } catch (IOException e) {
      throw new UncheckedIOException(file, e);
    }
  }

  private static Stream<Path> walk(final Path folder) {
    try (Stream<Path> paths = Files.walk(folder)) {
      return paths.filter(Files::isRegularFile).toList().stream();
    } catch (IOException e) {
      throw new UncheckedIOException(folder.toString(), e);
    }
  }
}
