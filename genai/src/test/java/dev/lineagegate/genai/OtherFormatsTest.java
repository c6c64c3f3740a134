package dev.lineagegate.genai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.lineagegate.genai.event.FileDigests;
import dev.lineagegate.genai.event.ImportRequest;
import dev.lineagegate.schema.id.Digest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The containers and generators besides the reference PNGs, on fixtures written here from their
 * documented layouts: ComfyUI's animated WEBP (EXIF strings), AUTOMATIC1111 and Forge in a JPEG
 * UserComment, InvokeAI, NovelAI and Fooocus PNG text.
 */
class OtherFormatsTest {

  private static final Instant NOW = Instant.parse("2026-12-05T00:00:00Z");
  private static final ImportRequest REQUEST = new ImportRequest("x", null, null, null, NOW);
  private static final String PROMPT =
      "{\"4\": {\"class_type\": \"CheckpointLoaderSimple\", \"inputs\": {\"ckpt_name\": \"m.safetensors\"}},"
          + " \"3\": {\"class_type\": \"KSampler\", \"inputs\": {\"seed\": 7, \"steps\": 4, \"model\": [\"4\", 0]}},"
          + " \"9\": {\"class_type\": \"SaveAnimatedWEBP\", \"inputs\": {\"images\": [\"3\", 0]}}}";

  @Test
  void shouldReadThePromptFromExifWhenComfyUiWroteAnAnimatedWebp() {
    // Given SaveAnimatedWEBP's EXIF: Model (0x0110) = prompt:..., Make (0x010F) = workflow:...
    final byte[] webp =
        ExifFixtures.create()
            .ascii(0x0110, "prompt:" + PROMPT)
            .ascii(0x010F, "workflow:{\"nodes\": [], \"extra\": {}}")
            .webp();

    // When
    final ImageImport.Result result = ImageImport.read(webp, REQUEST, FileDigests.NONE);

    // Then
    assertThat(result.format()).isEqualTo(ImageFormat.WEBP);
    assertThat(result.generation().generator()).isEqualTo(Generator.COMFYUI);
    assertThat(result.generation().seed()).isEqualTo(7L);
    assertThat(result.generation().files())
        .extracting(FileRef::name)
        .containsExactly("comfyui://models/checkpoints/m.safetensors");
    assertThat(result.generation().parameters()).containsKey("workflow.digest");
  }

  @Test
  void shouldReadTheUserCommentWhenForgeWroteAJpeg() {
    // Given Forge's infotext in a UNICODE UserComment (as piexif writes it: UTF-16BE)
    final byte[] jpeg =
        ExifFixtures.create()
            .unicodeComment(
                "a cat <lora:catstyle:0.8>\nNegative prompt: dog\nSteps: 20, Sampler: Euler a,"
                    + " CFG scale: 7, Seed: 99, Model hash: 31e35c80fc, Model: sdxl_base,"
                    + " Lora hashes: \"catstyle: 0123456789ab\", Version: f2.0.1v1.10.1-previous-1-g1")
            .jpeg();

    // When
    final ImageImport.Result result = ImageImport.read(jpeg, REQUEST, FileDigests.NONE);

    // Then
    final Generation generation = result.generation();
    assertThat(result.format()).isEqualTo(ImageFormat.JPEG);
    assertThat(generation.generator()).isEqualTo(Generator.FORGE);
    assertThat(generation.codeVersion()).isEqualTo("f2.0.1v1.10.1-previous-1-g1");
    assertThat(generation.seed()).isEqualTo(99L);
    assertThat(generation.files())
        .extracting(FileRef::name, FileRef::shortHash)
        .containsExactly(
            tuple("forge://models/checkpoints/sdxl_base", "31e35c80fc"),
            tuple("forge://models/loras/catstyle", "0123456789ab"));
    assertThat(generation.parameters()).containsEntry("lora.catstyle.weight", "0.8");
  }

  @Test
  void shouldTakeTheRecordedSha256AsTheDigestWhenInvokeAiNamesAModelByIt() {
    // Given InvokeAI 4's invokeai_metadata
    final String hash = "ab".repeat(32);
    final byte[] png =
        PngFixtures.withText(
            "invokeai_metadata",
            "{\"app_version\": \"4.2.9\", \"generation_mode\": \"txt2img\", \"seed\": 5,"
                + " \"steps\": 30, \"model\": {\"name\": \"juggernaut\", \"base\": \"sdxl\","
                + " \"hash\": \"sha256:"
                + hash
                + "\"}, \"vae\": {\"name\": \"fixvae\", \"base\": \"sdxl\", \"hash\": \"blake3:01\"}}");

    // When
    final ImageImport.Result result = ImageImport.read(png, REQUEST, FileDigests.NONE);

    // Then the checkpoint has a digest; the VAE's BLAKE3 is evidence only
    final Generation generation = result.generation();
    assertThat(generation.generator()).isEqualTo(Generator.INVOKEAI);
    assertThat(generation.step()).isEqualTo("invokeai/txt2img");
    assertThat(generation.codeVersion()).isEqualTo("4.2.9");
    assertThat(generation.files())
        .extracting(FileRef::name, FileRef::recorded)
        .containsExactly(
            tuple("invokeai://models/checkpoints/sdxl/juggernaut", new Digest("sha256:" + hash)),
            tuple("invokeai://models/vae/sdxl/fixvae", null));
    assertThat(generation.parameters()).containsEntry("hash.sdxl/fixvae", "blake3:01");
    assertThat(result.imageEvent().getInputs().get(0).getDigest()).isEqualTo("sha256:" + hash);
    // The version the image was made from is registered, so that a newer one supersedes it
    assertThat(result.events()).hasSize(2);
  }

  @Test
  void shouldNameTheHostedModelWhenNovelAiMadeTheImage() {
    // Given NovelAI's PNG text
    final byte[] png =
        PngFixtures.withText(
            "Software", "NovelAI",
            "Source", "NovelAI Diffusion V4.5 4BDE2A90",
            "Comment", "{\"steps\": 28, \"scale\": 5.0, \"seed\": 1234, \"sampler\": \"k_euler\"}");

    // When
    final ImageImport.Result result = ImageImport.read(png, REQUEST, FileDigests.NONE);

    // Then
    assertThat(result.generation().generator()).isEqualTo(Generator.NOVELAI);
    assertThat(result.generation().seed()).isEqualTo(1234L);
    assertThat(result.generation().files())
        .containsExactly(
            new FileRef(
                "novelai://models/checkpoints/NovelAI Diffusion V4.5",
                FileRef.Kind.MODEL,
                "checkpoints",
                "NovelAI Diffusion V4.5",
                null,
                "4bde2a90",
                "Source",
                true));
    assertThat(result.notFound()).hasSize(1);
  }

  @Test
  void shouldReadModelsAndLorasWhenFooocusWroteItsJsonScheme() {
    // Given Fooocus' own scheme in parameters
    final byte[] png =
        PngFixtures.withText(
            "parameters",
            "{\"prompt\": \"p\", \"seed\": \"77\", \"version\": \"Fooocus v2.5.5\","
                + " \"base_model\": \"juggernautXL_v8Rundiffusion.safetensors\","
                + " \"base_model_hash\": \"aeb7e9e689\","
                + " \"loras\": [[\"sd_xl_offset_example-lora_1.0.safetensors\", 0.1, \"4852686128\"]],"
                + " \"sampler\": \"dpmpp_2m_sde_gpu\", \"steps\": 30}");

    // When
    final ImageImport.Result result = ImageImport.read(png, REQUEST, FileDigests.NONE);

    // Then
    final Generation generation = result.generation();
    assertThat(generation.generator()).isEqualTo(Generator.FOOOCUS);
    assertThat(generation.codeVersion()).isEqualTo("Fooocus v2.5.5");
    assertThat(generation.seed()).isEqualTo(77L);
    assertThat(generation.files())
        .extracting(FileRef::name, FileRef::shortHash)
        .containsExactly(
            tuple(
                "fooocus://models/checkpoints/juggernautXL_v8Rundiffusion.safetensors",
                "aeb7e9e689"),
            tuple(
                "fooocus://models/loras/sd_xl_offset_example-lora_1.0.safetensors", "4852686128"));
    assertThat(generation.parameters())
        .isEqualTo(
            Map.of(
                "lora.sd_xl_offset_example-lora_1.0.safetensors.weight", "0.1",
                "seed", "77",
                "sampler", "dpmpp_2m_sde_gpu",
                "steps", "30"));
    assertThat(List.copyOf(generation.parameters().keySet())).hasSize(4);
  }
}
