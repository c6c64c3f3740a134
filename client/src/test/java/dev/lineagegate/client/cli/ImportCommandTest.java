package dev.lineagegate.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.lineagegate.avro.ExecutionEvent;
import dev.lineagegate.client.IngestUnavailableException;
import dev.lineagegate.genai.event.ImportIds;
import dev.lineagegate.schema.id.Digest;
import dev.lineagegate.testkit.GenAiSamples;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lineage-gate import}: events sent, lines printed, exit codes, cache, watch and check. */
class ImportCommandTest {

  private static final String CHECKPOINT = "comfyui://models/checkpoints/v1-5-pruned-emaonly.ckpt";

  @TempDir Path dir;
  private Path out;
  private Path models;
  private Path cache;
  private byte[] comfy;

  @BeforeEach
  void folders() throws IOException {
    out = Files.createDirectories(dir.resolve("output"));
    models = Files.createDirectories(dir.resolve("models/checkpoints"));
    cache = dir.resolve("hashes.tsv");
    comfy = GenAiSamples.bytes(GenAiSamples.COMFYUI_TWO_LORAS);
    Files.write(models.resolve("v1-5-pruned-emaonly.ckpt"), bytes("checkpoint v1"));
  }

  @Test
  void shouldSendTheFileVersionAndTheImageAndNameWhatIsMissingWhenImportingAFolder()
      throws IOException {
    // Given a ComfyUI output folder with the reference image; its checkpoint in models/
    Files.write(out.resolve("ComfyUI_00001_.png"), comfy);
    final CliHarness cli = new CliHarness();

    // When
    final int exit = cli.run(importArgs(out.toString()));

    // Then the checkpoint's version, then the image's run reading it by digest
    assertThat(exit).isZero();
    final Digest checkpoint = Digest.sha256(bytes("checkpoint v1"));
    assertThat(cli.sent())
        .extracting(ExecutionEvent::getEventId)
        .containsExactly(
            ImportIds.fileEvent(CHECKPOINT, checkpoint),
            ImportIds.imageEvent(Digest.sha256(comfy)));
    assertThat(cli.sent().get(1).getInputs().get(0).getDigest()).isEqualTo(checkpoint.value());
    assertThat(cli.out())
        .isEqualTo(
            "ComfyUI_00001_.png  ComfyUI PNG  "
                + Digest.sha256(comfy)
                + "  2 events  expect PARTIAL: ComfyUI version not recorded; environment digest"
                + " not captured; model file theovercomer8sContrastFix_sd15.safetensors not"
                + " content-addressed; model file epiNoiseoffset_v2.safetensors not"
                + " content-addressed\n");
    assertThat(cli.err())
        .contains(
            "  not found: comfyui://models/loras/epiNoiseoffset_v2.safetensors (node 10"
                + " LoraLoader): not under "
                + dir.resolve("models/loras"))
        .contains("imported 1 of 1 images {ComfyUI=1}, 0 refused, 2 events sent; 1 files hashed");
  }

  @Test
  void shouldRefuseTheCorruptFileAndSendTheOthersWhenAFolderHoldsBoth() throws IOException {
    // Given a good image and a truncated one
    Files.write(out.resolve("a.png"), comfy);
    Files.write(out.resolve("b.png"), Arrays.copyOf(comfy, 100));
    final CliHarness cli = new CliHarness();

    // When
    final int exit = cli.run(importArgs(out.toString()));

    // Then
    assertThat(exit).isEqualTo(2);
    assertThat(cli.sent()).hasSize(2);
    assertThat(cli.err())
        .contains(
            "refused "
                + out.resolve("b.png")
                + ": truncated PNG: the tEXt chunk at byte 33 declares 1,204 bytes, only 55"
                + " remain");
  }

  @Test
  void shouldExitThreeWhenIngestIsUnreachable() throws IOException {
    // Given
    Files.write(out.resolve("a.png"), comfy);
    final CliHarness cli =
        new CliHarness(
            url ->
                event -> {
                  throw new IngestUnavailableException("ingest " + url + " unreachable", 3, null);
                });

    // When
    final int exit = cli.run(importArgs(out.toString()));

    // Then
    assertThat(exit).isEqualTo(3);
    assertThat(cli.err()).contains("import: ingest http://127.0.0.1:8080 unreachable");
  }

  @Test
  void shouldHashAModelOnceWhenItIsUnchangedBetweenImports() throws IOException {
    // Given one import done
    Files.write(out.resolve("a.png"), comfy);
    new CliHarness().run(importArgs(out.toString()));

    // When the same folder is imported again
    final CliHarness again = new CliHarness();
    again.run(importArgs(out.toString()));

    // Then the checkpoint's digest came from the cache, and the events are the same
    assertThat(again.err()).contains("0 files hashed (0 MiB)");
    assertThat(Files.readAllLines(cache)).hasSize(1);
  }

  @Test
  void shouldImportANewImageOnlyOnceItIsWholeWhenWatching() throws Exception {
    // Given a watch of the output folder
    final CliHarness cli = new CliHarness();
    final CompletableFuture<Integer> watching =
        CompletableFuture.supplyAsync(
            () ->
                cli.run(
                    concat(
                        importArgs(out.toString()),
                        "--watch",
                        "--poll",
                        "PT0.2S",
                        "--watch-for",
                        "PT3S")));

    // When ComfyUI writes an image in two halves, 600 ms apart
    final Path image = out.resolve("ComfyUI_00002_.png");
    Thread.sleep(300);
    Files.write(image, Arrays.copyOf(comfy, comfy.length / 2));
    Thread.sleep(600);
    Files.write(image, comfy);

    // Then it is imported once, whole, and never refused as truncated
    assertThat(watching.get()).isZero();
    assertThat(cli.sent()).hasSize(2);
    assertThat(cli.err())
        .doesNotContain("refused " + image)
        .contains("watching: 1 imported, 0 refused");
  }

  @Test
  void shouldShowTheChangedFileAndExitOneWhenAModelChangedSinceTheImport() throws Exception {
    // Given lineage-stream recorded the checkpoint's old digest; the file on disk is newer
    final Digest old = Digest.sha256(bytes("checkpoint v0"));
    final Path image = Files.write(out.resolve("a.png"), comfy);
    final HttpServer lineage = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    final byte[] answer =
        ("{\"nodes\": [{\"id\": \""
                + old
                + "\", \"kind\": \"artifact\", \"digest\": \""
                + old
                + "\", \"name\": \""
                + CHECKPOINT
                + "\"}]}")
            .getBytes(StandardCharsets.UTF_8);
    lineage.createContext(
        "/v1/lineage/",
        exchange -> {
          exchange.sendResponseHeaders(200, answer.length);
          exchange.getResponseBody().write(answer);
          exchange.close();
        });
    lineage.start();
    try {
      final CliHarness cli = new CliHarness();

      // When
      final int exit =
          cli.run(
              "import",
              "--check",
              image.toString(),
              "--models-dir",
              dir.resolve("models").toString(),
              "--hash-cache",
              cache.toString(),
              "--lineage-url",
              "http://127.0.0.1:" + lineage.getAddress().getPort());

      // Then
      assertThat(exit).isEqualTo(1);
      assertThat(cli.sent()).isEmpty();
      assertThat(cli.out())
          .contains("a.png  " + Digest.sha256(comfy) + "  changed: it would not regenerate")
          .contains(
              "  changed    "
                  + CHECKPOINT
                  + "  recorded "
                  + old
                  + ", now "
                  + Digest.sha256(bytes("checkpoint v1")))
          .contains(
              "  missing    comfyui://models/loras/epiNoiseoffset_v2.safetensors  nothing"
                  + " recorded, not found");
    } finally {
      lineage.stop(0);
    }
  }

  private String[] importArgs(final String target) {
    return new String[] {
      "import",
      target,
      "--models-dir",
      dir.resolve("models").toString(),
      "--hash-cache",
      cache.toString(),
      "--owner",
      "studio"
    };
  }

  private static String[] concat(final String[] a, final String... b) {
    final List<String> all = new ArrayList<>(List.of(a));
    all.addAll(List.of(b));
    return all.toArray(String[]::new);
  }

  private static byte[] bytes(final String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
