package dev.lineagegate.ingest.openlineage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.List;
import java.util.stream.Stream;

/**
 * Lists and reads ingest's bundled resources, from its jar or its build directory, so that the set
 * of facet schemas is whatever was copied there and never a list kept by hand.
 */
final class ClasspathResources {

  private ClasspathResources() {}

  /**
   * The resource names (e.g. {@code openlineage/spec/facets/TestRunFacet.json}) of the files ending
   * in {@code suffix} under {@code directory}, recursively, sorted, in the jar or directory this
   * class was loaded from: where ingest's own resources are. Asking the class loader for the
   * directory would be simpler, but a jar need not contain directory entries, and without them the
   * class loader finds no directory.
   */
  static List<String> listBundled(final String directory, final String suffix) {
    final CodeSource source = ClasspathResources.class.getProtectionDomain().getCodeSource();
    if (source == null) {
      throw new IllegalStateException("cannot tell where ingest's classes were loaded from");
    }
    try {
      return list(Path.of(source.getLocation().toURI()), directory, suffix);
    } catch (URISyntaxException e) {
      throw new IllegalStateException("unusable code source " + source.getLocation(), e);
    }
  }

  /** As {@link #listBundled}, under {@code root}: a classes directory or a jar file. */
  static List<String> list(final Path root, final String directory, final String suffix) {
    try {
      if (Files.isDirectory(root)) {
        return listUnder(root.resolve(directory), directory, suffix);
      }
      try (FileSystem jar = FileSystems.newFileSystem(root)) {
        return listUnder(jar.getPath(directory), directory, suffix);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + directory + " in " + root, e);
    }
  }

  /** The bytes of a classpath resource; a missing one is a broken build, not a request error. */
  static byte[] read(final String resource) {
    try (InputStream in = ClasspathResources.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("classpath resource not found: " + resource);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read classpath resource " + resource, e);
    }
  }

  private static List<String> listUnder(
      final Path directoryPath, final String directory, final String suffix) throws IOException {
    if (!Files.isDirectory(directoryPath)) {
      throw new IllegalStateException("no directory " + directory + " in " + directoryPath);
    }
    final String prefix = directory.endsWith("/") ? directory : directory + "/";
    try (Stream<Path> files = Files.walk(directoryPath)) {
      return files
          .filter(Files::isRegularFile)
          .map(file -> directoryPath.relativize(file).toString().replace('\\', '/'))
          .filter(name -> name.endsWith(suffix))
          .map(name -> prefix + name)
          .sorted()
          .toList();
    }
  }
}
