package dev.lineagegate.client.imports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The images an import names: each FILE as given, each DIR walked for {@code .png}, {@code .webp},
 * {@code .jpg} and {@code .jpeg} files, in path order. An image is named by its path relative to
 * the folder given (ComfyUI's {@code output/} subfolders), or by its file name.
 */
public final class ImageFiles {

  /** One image to import: where it is and the name its output gets. */
  public record Source(Path path, String name) {}

  private ImageFiles() {}

  public static List<Source> expand(final List<Path> arguments) {
    final List<Source> sources = new ArrayList<>();
    for (final Path argument : arguments) {
      if (Files.isDirectory(argument)) {
        sources.addAll(inFolder(argument));
      } else {
        sources.add(new Source(argument, argument.getFileName().toString()));
      }
    }
    return sources;
  }

  /** Every image under {@code folder}, named relative to it. */
  public static List<Source> inFolder(final Path folder) {
    try (Stream<Path> paths = Files.walk(folder)) {
      return paths
          .filter(Files::isRegularFile)
          .filter(ImageFiles::isImage)
          .sorted()
          .map(p -> new Source(p, folder.relativize(p).toString().replace('\\', '/')))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + folder, e);
    }
  }

  public static boolean isImage(final Path path) {
    final String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".png")
        || name.endsWith(".webp")
        || name.endsWith(".jpg")
        || name.endsWith(".jpeg");
  }
}
