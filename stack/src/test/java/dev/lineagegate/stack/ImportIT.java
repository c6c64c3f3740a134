package dev.lineagegate.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lineagegate.client.IngestClient;
import dev.lineagegate.client.cli.LineageGateCli;
import dev.lineagegate.schema.id.Digest;
import dev.lineagegate.stack.demo.DemoImport;
import dev.lineagegate.testkit.GenAiSamples;
import dev.lineagegate.testkit.Http;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Images from generative tools as runs on the real stack (DESIGN.md §6.6, issue #16): imported over
 * HTTP and through {@code lineage-gate import} with a models folder of small files; the verdicts'
 * grades and gaps, the lineage naming each model file with its digest, {@code --check} after a
 * model file changed, and the newer version of the model superseding the one the image was made
 * from.
 */
class ImportIT {

  private static final String CHECKPOINT = "comfyui://models/checkpoints/v1-5-pruned-emaonly.ckpt";
  private static final String LORA =
      "comfyui://models/loras/theovercomer8sContrastFix_sd15.safetensors";

  @TempDir static Path data;
  @TempDir static Path work;

  private static Stack stack;

  @BeforeAll
  static void start() {
    final int[] ports = freePorts(6);
    stack =
        Stack.up(
            new StackOptions(
                data, Optional.empty(), ports[0], ports[1], ports[2], ports[3], ports[4], ports[5]),
            line -> {});
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  @Test
  void shouldGradeAnImageImportedOverHttpPartialWithTheModelNamedAsAGap() throws Exception {
    // Given the AUTOMATIC1111 reference image
    final byte[] png = GenAiSamples.bytes(GenAiSamples.A1111);
    final Digest image = Digest.sha256(png);

    // When it is posted, twice
    final Http.Answer first =
        Http.post(stack.ingestUrl(), "/v1/imports?name=duck.png&owner=studio", "image/png", png);
    final Http.Answer second =
        Http.post(stack.ingestUrl(), "/v1/imports?name=duck.png&owner=studio", "image/png", png);

    // Then 202 with what it is, the same events both times, and a verdict PARTIAL with the gaps
    assertThat(first.status()).as(first.text()).isEqualTo(202);
    final JsonNode answer = first.json();
    assertThat(answer.path("image").asText()).isEqualTo(image.value());
    assertThat(answer.path("format").asText()).isEqualTo("PNG");
    assertThat(answer.path("generator").asText()).isEqualTo("AUTOMATIC1111");
    assertThat(answer.path("name").asText()).isEqualTo("a1111://output/duck.png");
    assertThat(second.json().path("events").get(0).path("eventId"))
        .isEqualTo(answer.path("events").get(0).path("eventId"));
    final List<String> gaps =
        List.of(
            "AUTOMATIC1111 version not recorded",
            "environment digest not captured",
            "model file realistic_realisticVisionV20_v20 not content-addressed");
    assertThat(texts(answer.path("expected").path("gaps"))).isEqualTo(gaps);
    final JsonNode verdict = verdict(image, v -> true);
    assertThat(verdict.path("status").asText()).isEqualTo("BLOCK");
    assertThat(verdict.path("reproducibility").path("grade").asText()).isEqualTo("PARTIAL");
    assertThat(texts(verdict.path("reproducibility").path("gaps"))).isEqualTo(gaps);
  }

  @Test
  void shouldGradeAnImageWithoutMetadataNoneAndBlockItForProdWhenImportedOverHttp()
      throws Exception {
    // Given a PNG with no generation metadata (a screenshot, a Midjourney download): the A1111
    // reference image with its parameters chunk taken out
    final byte[] a1111 = GenAiSamples.bytes(GenAiSamples.A1111);
    final int text = 33;
    final int length = ByteBuffer.wrap(a1111, text, 4).getInt();
    final byte[] png = new byte[a1111.length - 12 - length];
    System.arraycopy(a1111, 0, png, 0, text);
    System.arraycopy(a1111, text + 12 + length, png, text, a1111.length - text - 12 - length);
    final Digest image = Digest.sha256(png);

    // When
    final Http.Answer answer =
        Http.post(stack.ingestUrl(), "/v1/imports?owner=studio", "image/png", png);

    // Then recorded, with grade NONE and every gap, and blocked for prod
    assertThat(answer.status()).as(answer.text()).isEqualTo(202);
    assertThat(answer.json().path("generator").asText()).isEqualTo("none");
    final JsonNode verdict = verdict(image, v -> true);
    assertThat(verdict.path("reproducibility").path("grade").asText()).isEqualTo("NONE");
    assertThat(texts(verdict.path("reproducibility").path("gaps")))
        .containsExactly(
            "nothing recorded about how it was made",
            "code version not captured",
            "config digest not captured",
            "environment digest not captured",
            "seed not captured");
    JsonNode decision = Http.get(stack.gateUrl(), "/v1/gate/" + image + "?target=prod").json();
    for (int i = 0; i < 100 && decision.path("verdictSequence").asLong(0) < 1; i++) {
      Thread.sleep(200); // the gate materialises the verdict from its topic
      decision = Http.get(stack.gateUrl(), "/v1/gate/" + image + "?target=prod").json();
    }
    assertThat(decision.path("verdictSequence").asLong(0)).as(decision.toString()).isPositive();
    assertThat(decision.path("decision").asText()).isEqualTo("BLOCK");
  }

  @Test
  void shouldNameEachModelWithItsDigestAndShowTheUpdatedModelWhenImportedWithAModelsFolder()
      throws Exception {
    // Given a models folder with the checkpoint and one of the two LoRAs, written two hours ago,
    // and the ComfyUI reference image, made 90 minutes ago
    final Instant now = Instant.now();
    final Path models = Files.createDirectories(work.resolve("models"));
    final Path checkpoint =
        write(
            models.resolve("checkpoints/v1-5-pruned-emaonly.ckpt"),
            "sd15 v1",
            now.minusSeconds(7200));
    write(
        models.resolve("loras/theovercomer8sContrastFix_sd15.safetensors"),
        "lora",
        now.minusSeconds(7200));
    final byte[] png = GenAiSamples.bytes(GenAiSamples.COMFYUI_TWO_LORAS);
    final Path output = Files.createDirectories(work.resolve("output"));
    final Path imageFile = Files.write(output.resolve("ComfyUI_00001_.png"), png);
    Files.setLastModifiedTime(imageFile, FileTime.from(now.minusSeconds(5400)));
    final Digest image = Digest.sha256(png);

    // When it is imported through the CLI
    final Cli imported = cli("import", output.toString(), "--models-dir", models.toString());

    // Then the verdict is PARTIAL for what is still missing, and the lineage names both files
    // with their digests
    assertThat(imported.exit()).as(imported.err()).isZero();
    final JsonNode verdict = verdict(image, v -> true);
    assertThat(texts(verdict.path("reproducibility").path("gaps")))
        .containsExactly(
            "ComfyUI version not recorded",
            "environment digest not captured",
            "model file epiNoiseoffset_v2.safetensors not content-addressed");
    final JsonNode upstream =
        Http.get(stack.lineageUrl(), "/v1/lineage/" + image + "?direction=upstream&depth=1").json();
    assertThat(digestOf(upstream, CHECKPOINT)).isEqualTo(sha256("sd15 v1"));
    assertThat(digestOf(upstream, LORA)).isEqualTo(sha256("lora"));

    // When the checkpoint is updated in place (same name, new bytes, an hour ago)
    write(checkpoint, "sd15 v2", now.minusSeconds(3600));
    final Cli check =
        cli(
            "import",
            "--check",
            imageFile.toString(),
            "--models-dir",
            models.toString(),
            "--lineage-url",
            stack.lineageUrl().toString());

    // Then --check says it would not regenerate, naming old and new digests
    assertThat(check.exit()).as(check.err()).isEqualTo(1);
    assertThat(check.out())
        .contains(
            "  changed    "
                + CHECKPOINT
                + "  recorded "
                + sha256("sd15 v1")
                + ", now "
                + sha256("sd15 v2"))
        .contains("  same       " + LORA + "  " + sha256("lora"));

    // And once imported again, the newer version supersedes the one the image was made from
    final Cli again = cli("import", output.toString(), "--models-dir", models.toString());
    assertThat(again.exit()).as(again.err()).isZero();
    final JsonNode superseded =
        verdict(
            image, v -> v.path("reasons").findValuesAsText("code").contains("SUPERSEDED_INPUT"));
    assertThat(superseded.path("reasons").findValuesAsText("code")).contains("SUPERSEDED_INPUT");
  }

  @Test
  void shouldPrintTheVerdictAndTheChangedCheckpointWhenTheDemoImportsItsComfyUiImage()
      throws Exception {
    // Given the demo's ComfyUI image imported, then its checkpoint updated and imported again
    final DemoImport demo = new DemoImport(work.resolve("demo-comfyui"));
    final Digest image = demo.run(IngestClient.builder().baseUrl(stack.ingestUrl()).build());
    final JsonNode verdict =
        verdict(
            image, v -> v.path("reasons").findValuesAsText("code").contains("SUPERSEDED_INPUT"));
    // (the checkpoint's registered version is itself unauditable: who made it is not recorded)
    assertThat(verdict.path("reasons").findValuesAsText("code"))
        .containsExactly(
            "SUPERSEDED_INPUT",
            "UPSTREAM_BLOCKED",
            "MISSING_CODE_VERSION",
            "MISSING_ENVIRONMENT",
            "UNVERSIONED_INPUT");

    // When the demo prints its part
    final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    demo.print(stack.lineageUrl(), new PrintStream(printed, true, StandardCharsets.UTF_8));

    // Then the verdict, its gaps, and each file against the one the image was made from
    final String out = printed.toString(StandardCharsets.UTF_8);
    assertThat(out)
        .contains("comfyui://output/ComfyUI_00001_.png  " + image + "  BLOCK, grade PARTIAL")
        .contains("      gap: ComfyUI version not recorded")
        .contains("      gap: model file studio-style.safetensors not content-addressed")
        .contains(
            "  changed    comfyui://models/checkpoints/v1-5-pruned-emaonly.safetensors  recorded "
                + sha256("demo checkpoint, version 1")
                + ", now "
                + sha256("demo checkpoint, version 2"))
        .contains(
            "  missing    comfyui://models/loras/studio-style.safetensors  nothing recorded, not"
                + " found");
  }

  private record Cli(int exit, String out, String err) {}

  private Cli cli(final String... args) {
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    final CommandLine cli =
        LineageGateCli.commandLine(
            url -> LineageGateCli.sender(IngestClient.builder().baseUrl(url).build()),
            Clock.systemUTC());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    final List<String> all = new ArrayList<>(List.of(args));
    all.addAll(
        List.of(
            "--ingest-url",
            stack.ingestUrl().toString(),
            "--hash-cache",
            work.resolve("hashes.tsv").toString()));
    if (all.contains("--check")) {
      all.removeAll(List.of("--ingest-url", stack.ingestUrl().toString()));
    }
    final int exit = cli.execute(all.toArray(String[]::new));
    return new Cli(exit, out.toString(), err.toString());
  }

  /** The verdict of {@code image} once {@code done} holds of it, or the last one seen. */
  private static JsonNode verdict(final Digest image, final Predicate<JsonNode> done)
      throws Exception {
    final long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    Http.Answer answer = null;
    while (System.nanoTime() < deadline) {
      answer = Http.get(stack.lineageUrl(), "/v1/artifacts/" + image + "/verdict");
      if (answer.status() == 200 && done.test(answer.json())) {
        return answer.json();
      }
      Thread.sleep(200);
    }
    throw new AssertionError("verdict of " + image + ": " + answer.status() + " " + answer.text());
  }

  private static String digestOf(final JsonNode graph, final String name) {
    for (final JsonNode node : graph.path("nodes")) {
      if (name.equals(node.path("name").asText())) {
        return node.path("digest").asText();
      }
    }
    return null;
  }

  private static List<String> texts(final JsonNode array) {
    final List<String> texts = new ArrayList<>();
    array.forEach(t -> texts.add(t.asText()));
    return texts;
  }

  private static Path write(final Path file, final String content, final Instant modified)
      throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, content, StandardCharsets.UTF_8);
    Files.setLastModifiedTime(file, FileTime.from(modified));
    return file;
  }

  private static String sha256(final String content) {
    return Digest.sha256(content.getBytes(StandardCharsets.UTF_8)).value();
  }

  private static int[] freePorts(final int count) {
    final List<ServerSocket> sockets = new ArrayList<>();
    try {
      for (int i = 0; i < count; i++) {
        sockets.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
      }
      return sockets.stream().mapToInt(ServerSocket::getLocalPort).toArray();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } finally {
      for (final ServerSocket socket : sockets) {
        try {
          socket.close();
        } catch (IOException ignored) {
          // best effort
        }
      }
    }
  }
}
