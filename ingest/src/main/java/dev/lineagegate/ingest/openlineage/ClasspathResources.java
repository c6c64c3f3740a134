package dev.lineagegate.ingest.openlineage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Lists and reads resources of a classpath directory, from a build directory or from a jar, so that
 * the set of bundled facet schemas is whatever was copied there and never a list kept by hand.
 */
final class ClasspathResources {

  private ClasspathResources() {}

  /**
   * The resource names (e.g. {@code openlineage/spec/facets/TestRunFacet.json}) of the files ending
   * in {@code suffix} under {@code directory}, recursively, sorted.
   */
  static List<String> list(final String directory, final String suffix) {
    final URL url = loader().getResource(directory);
    if (url == null) {
      throw new IllegalStateException("classpath directory not found: " + directory);
    }
    try {
      final URI uri = url.toURI();
      if ("jar".equals(uri.getScheme())) {
        return listInJar(uri, directory, suffix);
      }
      return listUnder(Path.of(uri), directory, suffix);
    } catch (URISyntaxException | IOException e) {
      throw new IllegalStateException("cannot list classpath directory " + directory, e);
    }
  }

  /** The bytes of a classpath resource; a missing one is a broken build, not a request error. */
  static byte[] read(final String resource) {
    try (InputStream in = loader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("classpath resource not found: " + resource);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read classpath resource " + resource, e);
    }
  }

  private static List<String> listInJar(final URI uri, final String directory, final String suffix)
      throws IOException {
    try {
      // Our own file system, closed after listing: the JVM keeps one per jar otherwise.
      try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
        return listUnder(jar.provider().getPath(uri), directory, suffix);
      }
    } catch (FileSystemAlreadyExistsException e) {
      // Someone else opened this jar as a file system: use theirs and leave it open.
      return listUnder(FileSystems.getFileSystem(uri).provider().getPath(uri), directory, suffix);
    }
  }

  private static List<String> listUnder(
      final Path root, final String directory, final String suffix) throws IOException {
    final String prefix = directory.endsWith("/") ? directory : directory + "/";
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .filter(Files::isRegularFile)
          .map(file -> root.relativize(file).toString().replace('\\', '/'))
          .filter(name -> name.endsWith(suffix))
          .map(name -> prefix + name)
          .sorted()
          .toList();
    }
  }

  private static ClassLoader loader() {
    // Our own loader, not the thread's: the schemas ship beside this class, whatever thread asks.
    return ClasspathResources.class.getClassLoader();
  }
}
