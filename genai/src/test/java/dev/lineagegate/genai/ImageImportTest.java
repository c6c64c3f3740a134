package dev.lineagegate.genai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lineagegate.avro.EventType;
import dev.lineagegate.avro.ExecutionEvent;
import dev.lineagegate.avro.InputArtifact;
import dev.lineagegate.avro.OutputArtifact;
import dev.lineagegate.avro.Reproducibility;
import dev.lineagegate.avro.ReproducibilityGrade;
import dev.lineagegate.avro.RunInfo;
import dev.lineagegate.genai.event.FileDigests;
import dev.lineagegate.genai.event.ImportEvents;
import dev.lineagegate.genai.event.ImportIds;
import dev.lineagegate.genai.event.ImportRequest;
import dev.lineagegate.genai.event.LocalFile;
import dev.lineagegate.schema.id.Digest;
import dev.lineagegate.testkit.GenAiSamples;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** An image's bytes to its events and the grade to expect, on the reference images. */
class ImageImportTest {

  private static final Instant MADE = Instant.parse("2026-12-01T10:00:00Z");
  private static final Instant NOW = Instant.parse("2026-12-05T00:00:00Z");
  private static final ImportRequest REQUEST =
      new ImportRequest("lora_multiple.png", "art", "studio", MADE, NOW);
  private static final Digest CHECKPOINT = new Digest("sha256:" + "c".repeat(64));

  @Test
  void shouldImportEveryModelFileAsAnUnversionedInputWhenNoModelsFolderIsGiven() {
    // Given the ComfyUI reference image (a checkpoint and two chained LoRAs)
    final byte[] png = GenAiSamples.bytes(GenAiSamples.COMFYUI_TWO_LORAS);

    // When
    final ImageImport.Result result = ImageImport.read(png, REQUEST, FileDigests.NONE);

    // Then one event, the image's run, with the three model files named and PARTIAL expected
    final Digest image = Digest.sha256(png);
    assertThat(result.format()).isEqualTo(ImageFormat.PNG);
    assertThat(result.events()).hasSize(1);
    final ExecutionEvent event = result.imageEvent();
    assertThat(event.getEventId()).isEqualTo(ImportIds.imageEvent(image));
    assertThat(event.getEventType()).isEqualTo(EventType.COMPLETE);
    assertThat(event.getEventTime()).isEqualTo(MADE);
    assertThat(event.getRun())
        .isEqualTo(
            RunInfo.newBuilder()
                .setRunId(ImportIds.imageRun(image))
                .setStep("comfyui/prompt")
                .setPipeline("art")
                .setOwner("studio")
                .build());
    assertThat(event.getInputs())
        .containsExactly(
            input("comfyui://models/checkpoints/v1-5-pruned-emaonly.ckpt", null),
            input("comfyui://models/loras/theovercomer8sContrastFix_sd15.safetensors", null),
            input("comfyui://models/loras/epiNoiseoffset_v2.safetensors", null));
    assertThat(event.getOutputs())
        .containsExactly(
            OutputArtifact.newBuilder()
                .setName("comfyui://output/lora_multiple.png")
                .setDigest(image.value())
                .setSizeBytes((long) png.length)
                .build());
    assertThat(event.getSeed()).isEqualTo(513173432917412L);
    assertThat(event.getCode().getRepository()).isEqualTo(Generator.COMFYUI.repository());
    assertThat(event.getCode().getVersion()).isNull();
    assertThat(event.getConfig().getParameters())
        .containsEntry("sampler.3.seed", "513173432917412")
        .containsEntry("sampler.3.cfg", "8")
        .containsEntry("lora.10.strength_model", "1")
        .containsEntry("lora.11.strength_clip", "1")
        .containsKey("workflow.digest");
    assertThat(event.getProducer()).isEqualTo(ImportEvents.PRODUCER);
    assertThat(result.notFound()).hasSize(3);
    assertThat(result.expected())
        .isEqualTo(
            new Reproducibility(
                ReproducibilityGrade.PARTIAL,
                List.of(
                    "ComfyUI version not recorded",
                    "environment digest not captured",
                    "model file v1-5-pruned-emaonly.ckpt not content-addressed",
                    "model file theovercomer8sContrastFix_sd15.safetensors not content-addressed",
                    "model file epiNoiseoffset_v2.safetensors not content-addressed")));
  }

  @Test
  void shouldRegisterTheFileVersionAndGiveTheInputItsDigestWhenAModelIsFoundOnDisk() {
    // Given the checkpoint found in the models folder, the LoRAs not
    final byte[] png = GenAiSamples.bytes(GenAiSamples.COMFYUI_TWO_LORAS);
    final Instant written = Instant.parse("2026-11-01T08:00:00Z");
    final FileDigests digests =
        file ->
            file.folder().equals("checkpoints")
                ? Optional.of(new LocalFile("/m/checkpoints/x", CHECKPOINT, 2_000L, written))
                : Optional.empty();

    // When
    final ImageImport.Result result = ImageImport.read(png, REQUEST, digests);

    // Then the file's version is registered first (a run of step comfyui/models that produced
    // it when it was written), and the image reads it by digest
    final String name = "comfyui://models/checkpoints/v1-5-pruned-emaonly.ckpt";
    assertThat(result.events()).hasSize(2);
    assertThat(result.events().get(0))
        .isEqualTo(
            ExecutionEvent.newBuilder()
                .setEventId(ImportIds.fileEvent(name, CHECKPOINT))
                .setEventType(EventType.COMPLETE)
                .setEventTime(written)
                .setRun(
                    RunInfo.newBuilder()
                        .setRunId(ImportIds.fileRun(name, CHECKPOINT))
                        .setStep("comfyui/models")
                        .setPipeline("art")
                        .setOwner("studio")
                        .build())
                .setOutputs(
                    List.of(
                        OutputArtifact.newBuilder()
                            .setName(name)
                            .setDigest(CHECKPOINT.value())
                            .setSizeBytes(2_000L)
                            .build()))
                .setProducer(ImportEvents.PRODUCER)
                .build());
    assertThat(result.imageEvent().getInputs().get(0)).isEqualTo(input(name, CHECKPOINT));
    assertThat(result.notFound())
        .extracting(FileRef::fileName)
        .containsExactly(
            "theovercomer8sContrastFix_sd15.safetensors", "epiNoiseoffset_v2.safetensors");
  }

  @Test
  void shouldSendTheSameEventIdsWhenTheSameFileIsImportedTwice() {
    // Given
    final byte[] png = GenAiSamples.bytes(GenAiSamples.COMFYUI_TWO_LORAS);

    // When
    final ImageImport.Result first = ImageImport.read(png, REQUEST, FileDigests.NONE);
    final ImageImport.Result second =
        ImageImport.read(
            png,
            new ImportRequest("lora_multiple.png", "art", "studio", MADE, NOW.plusSeconds(60)),
            FileDigests.NONE);

    // Then
    assertThat(second.events()).isEqualTo(first.events());
  }

  @Test
  void shouldReadModelSettingsAndShortHashWhenGivenTheAutomatic1111ReferenceImage() {
    // Given
    final byte[] png = GenAiSamples.bytes(GenAiSamples.A1111);

    // When
    final ImageImport.Result result =
        ImageImport.read(
            png, new ImportRequest("duck.png", null, null, MADE, NOW), FileDigests.NONE);

    // Then
    final Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("Steps", "15");
    parameters.put("Sampler", "UniPC");
    parameters.put("CFG scale", "5");
    parameters.put("Seed", "235284042");
    parameters.put("Size", "512x400");
    parameters.put("Model hash", "c0d1994c73");
    parameters.put("Model", "realistic_realisticVisionV20_v20");
    final Generation generation = result.generation();
    assertThat(generation.generator()).isEqualTo(Generator.A1111);
    assertThat(generation.step()).isEqualTo("a1111/txt2img");
    assertThat(generation.parameters()).isEqualTo(parameters);
    assertThat(generation.seed()).isEqualTo(235284042L);
    assertThat(generation.files())
        .containsExactly(
            new FileRef(
                "a1111://models/checkpoints/realistic_realisticVisionV20_v20",
                FileRef.Kind.MODEL,
                "checkpoints",
                "realistic_realisticVisionV20_v20",
                null,
                "c0d1994c73",
                "Model",
                false));
    assertThat(result.outputName()).isEqualTo("a1111://output/duck.png");
  }

  @Test
  void shouldRecordTheImageWithGradeNoneWhenItCarriesNoGenerationMetadata() {
    // Given a PNG with only a Software chunk (a screenshot)
    final byte[] png = PngFixtures.withText("Software", "gnome-screenshot");

    // When
    final ImageImport.Result result =
        ImageImport.read(png, new ImportRequest(null, null, null, null, NOW), FileDigests.NONE);

    // Then
    final Digest image = Digest.sha256(png);
    assertThat(result.events())
        .containsExactly(
            ExecutionEvent.newBuilder()
                .setEventId(ImportIds.imageEvent(image))
                .setEventType(EventType.COMPLETE)
                .setEventTime(NOW)
                .setRun(
                    RunInfo.newBuilder()
                        .setRunId(ImportIds.imageRun(image))
                        .setStep("import/unknown")
                        .build())
                .setOutputs(
                    List.of(
                        OutputArtifact.newBuilder()
                            .setName("image://" + image.hex() + ".png")
                            .setDigest(image.value())
                            .setSizeBytes((long) png.length)
                            .build()))
                .setProducer(ImportEvents.PRODUCER)
                .build());
    assertThat(result.expected())
        .isEqualTo(
            new Reproducibility(
                ReproducibilityGrade.NONE,
                List.of(
                    "nothing recorded about how it was made",
                    "code version not captured",
                    "config digest not captured",
                    "environment digest not captured",
                    "seed not captured")));
  }

  private static InputArtifact input(final String name, final Digest digest) {
    return InputArtifact.newBuilder()
        .setName(name)
        .setDigest(digest == null ? null : digest.value())
        .build();
  }
}
