package dev.lineagegate.client.imports;

import dev.lineagegate.genai.ImageImport;
import dev.lineagegate.genai.ImportRefusedException;
import dev.lineagegate.genai.event.FileDigests;
import dev.lineagegate.genai.event.ImportRequest;
import dev.lineagegate.schema.id.Digest;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs {@code import --check} over images: for each, its header line, then one line per file it
 * names ({@link RegenerationCheck}). Exit 0 only when every file of every image is the same.
 */
final class CheckRun {

  private final PrintWriter out;
  private final PrintWriter err;
  private final ModelFolders folders;
  private final URI lineageUrl;

  CheckRun(
      final PrintWriter out, final PrintWriter err, final ModelFolders folders, final URI lineage) {
    this.out = out;
    this.err = err;
    this.folders = folders;
    this.lineageUrl = lineage;
  }

  int run(final List<ImageFiles.Source> sources) throws InterruptedException {
    if (folders == null) {
      err.println("import --check: give --models-dir (and --input-dir) to compare the files");
      return ImportCommand.REFUSED;
    }
    int exit = ImportCommand.SENT;
    for (final ImageFiles.Source source : sources) {
      final ImageImport.Result result;
      try {
        result =
            ImageImport.read(
                Files.readAllBytes(source.path()),
                new ImportRequest(source.name(), null, null, null, Instant.now()),
                FileDigests.NONE);
      } catch (ImportRefusedException | IOException e) {
        err.println(
            "refused "
                + Printable.of(source.path().toString())
                + ": "
                + Printable.of(e.getMessage()));
        exit = ImportCommand.REFUSED;
        continue;
      }
      Map<String, Digest> recorded = Map.of();
      try {
        final Optional<Map<String, Digest>> known = RecordedInputs.of(lineageUrl, result.image());
        if (known.isEmpty()) {
          err.println(source.name() + ": not imported yet; comparing with the metadata alone");
        }
        recorded = known.orElse(Map.of());
      } catch (IOException e) {
        err.println(source.name() + ": lineage-stream not reachable (" + e.getMessage() + ")");
        return ImportCommand.REFUSED;
      }
      final List<RegenerationCheck.Line> lines =
          RegenerationCheck.lines(result.generation().files(), recorded, folders);
      final boolean same = lines.stream().allMatch(l -> l.state() == RegenerationCheck.State.SAME);
      out.println(
          Printable.of(source.name())
              + "  "
              + result.image()
              + "  "
              + (same
                  ? "same files: every file it names is the one it was made from"
                  : "changed: it would not regenerate as it was made"));
      lines.forEach(l -> out.println("  " + Printable.of(l.toString())));
      out.flush();
      if (!same && exit == ImportCommand.SENT) {
        exit = ImportCommand.DIFFERS;
      }
    }
    return exit;
  }
}
