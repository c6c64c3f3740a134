package dev.lineagegate.stack.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lineagegate.client.IngestClient;
import dev.lineagegate.client.imports.HashCache;
import dev.lineagegate.client.imports.ImageFiles;
import dev.lineagegate.client.imports.Importer;
import dev.lineagegate.client.imports.ModelFolders;
import dev.lineagegate.client.imports.RecordedInputs;
import dev.lineagegate.client.imports.RegenerationCheck;
import dev.lineagegate.genai.FileRef;
import dev.lineagegate.schema.id.Digest;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The demo's generative-AI part (DESIGN.md §6.6): a ComfyUI image imported as {@code lineage-gate
 * import --models-dir} would, its checkpoint found and hashed, its LoRA missing; then the
 * checkpoint is updated in place (the seeds' "updated model" case) and registered again. The report
 * prints the image's verdict and what would keep it from regenerating ({@code import --check}).
 */
public final class DemoImport {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path folder;
  private Digest image;
  private List<FileRef> files = List.of();

  /**
   * @param folder the demo's {@code comfyui/} folder: {@code models/} and {@code output/}
   */
  public DemoImport(final Path folder) {
    this.folder = folder;
  }

  /** Imports the image, then the updated checkpoint; returns the image's digest. */
  public Digest run(final IngestClient ingest) {
    final Instant now = Instant.now();
    final Path checkpoint = folder.resolve("models/checkpoints/v1-5-pruned-emaonly.safetensors");
    write(
        checkpoint,
        "demo checkpoint, version 1".getBytes(StandardCharsets.UTF_8),
        now.minusSeconds(7200));
    final Path output = folder.resolve("output/ComfyUI_00001_.png");
    final byte[] png = DemoPng.image();
    write(output, png, now.minusSeconds(3600));
    final Importer importer =
        new Importer(
            ingest::send,
            new ModelFolders(folder.resolve("models"), null, HashCache.open(null)),
            "demo-art",
            "studio",
            Clock.systemUTC());
    final ImageFiles.Source source = new ImageFiles.Source(output, "ComfyUI_00001_.png");
    if (!(importer.importFile(source) instanceof Importer.Imported imported)) {
      throw new IllegalStateException("the demo's ComfyUI image was refused");
    }
    files = imported.result().generation().files();
    // The checkpoint is replaced by a newer file of the same name, and imported again
    write(
        checkpoint,
        "demo checkpoint, version 2".getBytes(StandardCharsets.UTF_8),
        now.minusSeconds(1800));
    importer.importFile(source);
    image = Digest.sha256(png);
    return image;
  }

  /** The image's verdict, its gaps, and each named file against the one it was made from. */
  public void print(final URI lineage, final PrintStream out) {
    out.println();
    out.println(
        "A ComfyUI image, imported (lineage-gate import "
            + folder.resolve("output")
            + " --models-dir "
            + folder.resolve("models")
            + "):");
    try {
      final HttpResponse<String> answer =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create(lineage + "/v1/artifacts/" + image.value() + "/verdict"))
                      .timeout(Duration.ofSeconds(10))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      if (answer.statusCode() == 200) {
        final JsonNode verdict = JSON.readTree(answer.body());
        out.printf(
            "  %s  %s  %s, grade %s%n",
            verdict.path("name").asText(),
            image,
            verdict.path("status").asText(),
            verdict.path("reproducibility").path("grade").asText());
        verdict
            .path("reproducibility")
            .path("gaps")
            .forEach(g -> out.println("      gap: " + g.asText()));
      }
      final Map<String, Digest> recorded = RecordedInputs.of(lineage, image).orElse(Map.of());
      out.println("What would keep it from regenerating (lineage-gate import --check):");
      final List<RegenerationCheck.Line> lines =
          RegenerationCheck.lines(
              files,
              recorded,
              new ModelFolders(folder.resolve("models"), null, HashCache.open(null)));
      lines.forEach(l -> out.println("  " + l));
    } catch (IOException e) {
      out.println("  (lineage-stream not reachable: " + e.getMessage() + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void write(final Path file, final byte[] bytes, final Instant modified) {
    try {
      Files.createDirectories(file.getParent());
      Files.write(file, bytes);
      Files.setLastModifiedTime(file, FileTime.from(modified));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the demo workspace " + file, e);
    }
  }
}
