package dev.lineagegate.genai;

import dev.lineagegate.avro.ExecutionEvent;
import dev.lineagegate.avro.Reproducibility;
import dev.lineagegate.avro.ReproducibilityGrade;
import dev.lineagegate.genai.container.ImageText;
import dev.lineagegate.genai.event.FileDigests;
import dev.lineagegate.genai.event.ImportEvents;
import dev.lineagegate.genai.event.ImportRequest;
import dev.lineagegate.genai.event.LocalFile;
import dev.lineagegate.schema.grade.Gaps;
import dev.lineagegate.schema.id.Digest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An image's bytes to the events that record it (DESIGN.md §6.6), a plain function: the container
 * is read ({@link ImageText}), the generator's metadata mapped ({@link GenerationReader}), the
 * files it names looked up ({@link FileDigests}), the events built ({@link ImportEvents}). Anything
 * wrong is an {@link ImportRefusedException} and nothing is built.
 */
public final class ImageImport {

  private ImageImport() {}

  /** What importing one image gives. */
  public record Result(
      ImageFormat format,
      Digest image,
      long sizeBytes,
      Generation generation,
      String outputName,
      List<ExecutionEvent> events,
      Map<String, LocalFile> found,
      List<FileRef> notFound,
      Reproducibility expected) {

    /** The image's own event: the last one. */
    public ExecutionEvent imageEvent() {
      return events.get(events.size() - 1);
    }
  }

  public static Result read(
      final byte[] bytes, final ImportRequest request, final FileDigests digests) {
    final ImageText.Read read = ImageText.read(bytes);
    final Generation generation = GenerationReader.read(read.text());
    final Digest image = Digest.sha256(bytes);
    final Map<String, LocalFile> found = new LinkedHashMap<>();
    final List<FileRef> notFound = new ArrayList<>();
    for (final FileRef file : generation.files()) {
      final Optional<LocalFile> local = file.hosted() ? Optional.empty() : digests.find(file);
      if (local.isPresent()) {
        found.put(file.name(), local.get());
      } else if (file.recorded() == null) {
        notFound.add(file);
      }
    }
    final String outputName =
        outputName(generation.generator(), request.file(), image, read.format());
    final List<ExecutionEvent> events =
        ImportEvents.of(generation, image, bytes.length, outputName, found, request);
    return new Result(
        read.format(),
        image,
        bytes.length,
        generation,
        outputName,
        events,
        found,
        notFound,
        expected(events.get(events.size() - 1)));
  }

  /** The grade lineage-stream will give, as far as the event alone decides it (§4.6). */
  static Reproducibility expected(final ExecutionEvent event) {
    final List<String> missing = Gaps.missing(event);
    if (Gaps.nothingRecorded(event)) {
      final List<String> gaps = new ArrayList<>();
      gaps.add(Gaps.NOTHING_RECORDED);
      gaps.addAll(missing);
      return new Reproducibility(ReproducibilityGrade.NONE, gaps);
    }
    return missing.isEmpty()
        ? new Reproducibility(ReproducibilityGrade.FULL, List.of())
        : new Reproducibility(ReproducibilityGrade.PARTIAL, missing);
  }

  private static String outputName(
      final Generator generator, final String file, final Digest image, final ImageFormat format) {
    final String name =
        file != null && !file.isBlank()
            ? file.replace('\\', '/')
            : image.hex() + "." + format.name().toLowerCase(Locale.ROOT);
    return generator == Generator.NONE
        ? generator.scheme() + "://" + name
        : generator.scheme() + "://output/" + name;
  }
}
