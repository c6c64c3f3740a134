package dev.lineagegate.ingest.openlineage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;

/** Listing works from a jar too: that is how ingest runs, while tests see build directories. */
class ClasspathResourcesTest {

  @Test
  void shouldListJsonFilesWhenDirectoryIsInsideAJarWithoutDirectoryEntries() throws IOException {
    // Given a jar (in the build directory) with two schemas, a note and a file elsewhere, and no
    // directory entries, so that a class loader would not find the directory itself
    final Path jar =
        Files.createDirectories(Path.of("target", "classpath-resources-test")).resolve("f.jar");
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream entries = new JarOutputStream(out)) {
      for (final String name :
          List.of(
              "openlineage/spec/facets/B.json",
              "openlineage/spec/facets/A.json",
              "openlineage/spec/facets/README.md",
              "openlineage/spec/OpenLineage.json")) {
        entries.putNextEntry(new JarEntry(name));
        entries.write("{}".getBytes(StandardCharsets.UTF_8));
        entries.closeEntry();
      }
    }
    // When
    final List<String> listed = ClasspathResources.list(jar, "openlineage/spec/facets", ".json");
    // Then only the JSON files of that directory, sorted, as resource names; and again, since the
    // jar's file system is closed after each listing
    assertThat(listed)
        .containsExactly("openlineage/spec/facets/A.json", "openlineage/spec/facets/B.json");
    assertThat(ClasspathResources.list(jar, "openlineage/spec/facets", ".json")).isEqualTo(listed);
  }

  @Test
  void shouldListBundledSchemasWhenRunFromTheBuildDirectory() {
    // Given / When the bundled facet schemas, in target/classes during tests
    final List<String> listed = ClasspathResources.listBundled("openlineage/spec/facets", ".json");
    // Then
    assertThat(listed).hasSize(38).contains("openlineage/spec/facets/TestRunFacet.json").isSorted();
  }
}
