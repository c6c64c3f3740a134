package dev.lineagegate.genai.comfyui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.lineagegate.genai.FileRef;
import dev.lineagegate.genai.Generation;
import dev.lineagegate.genai.Generator;
import dev.lineagegate.genai.ImportRefusedException;
import dev.lineagegate.genai.json.CanonicalJson;
import dev.lineagegate.genai.json.MetadataJson;
import dev.lineagegate.schema.id.Digest;
import dev.lineagegate.testkit.GenAiSamples;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The ComfyUI prompt graph mapped as DESIGN.md §6.6 says, on the reference prompt and on graphs
 * built here.
 */
class ComfyUiReaderTest {

  @Test
  void shouldReadCheckpointSamplerAndSeedWhenGivenTheReferenceApiPrompt() {
    // Given ComfyUI's own basic_api_example prompt
    final String prompt =
        new String(GenAiSamples.bytes(GenAiSamples.COMFYUI_API_PROMPT), StandardCharsets.UTF_8);

    // When
    final Generation generation = ComfyUiReader.read(prompt, null);

    // Then
    final Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("prompt.nodes", "7");
    parameters.put("sampler.3.seed", "8566257");
    parameters.put("sampler.3.steps", "20");
    parameters.put("sampler.3.cfg", "8");
    parameters.put("sampler.3.sampler", "euler");
    parameters.put("sampler.3.scheduler", "normal");
    parameters.put("sampler.3.denoise", "1");
    assertThat(generation)
        .isEqualTo(
            new Generation(
                Generator.COMFYUI,
                "comfyui/prompt",
                null,
                CanonicalJson.digest(MetadataJson.parse(prompt, "prompt")),
                parameters,
                8566257L,
                List.of(
                    FileRef.model(
                        Generator.COMFYUI,
                        "checkpoints",
                        "v1-5-pruned-emaonly.safetensors",
                        "node 4 CheckpointLoaderSimple")),
                Map.of()));
  }

  @Test
  void shouldGiveTheSameConfigDigestWhenKeysAreReorderedAndFloatsWrittenWithAPoint() {
    // Given one graph written two ways
    final String a =
        "{\"1\":{\"class_type\":\"KSampler\",\"inputs\":{\"seed\":5,\"steps\":20,\"cfg\":8}}}";
    final String b =
        "{ \"1\": { \"inputs\": { \"cfg\": 8.0, \"steps\": 20, \"seed\": 5 }, \"class_type\": \"KSampler\" } }";

    // When
    final Digest first = ComfyUiReader.read(a, null).configDigest();
    final Digest second = ComfyUiReader.read(b, null).configDigest();

    // Then
    assertThat(first).isEqualTo(second);
    assertThat(first)
        .isEqualTo(
            Digest.sha256(
                "{\"1\":{\"class_type\":\"KSampler\",\"inputs\":{\"cfg\":8,\"seed\":5,\"steps\":20}}}"));
  }

  @Test
  void shouldReadEverySamplerAndLoaderWhenTheGraphHasARefinerPassAndLinkedSeeds() {
    // Given an SDXL base + refiner graph: the base seed from a primitive node, a UNET, two CLIPs,
    // a VAE, a ControlNet, an upscale model, an embedding in the prompt text, a LoadImage
    final String prompt =
        """
        {"1": {"class_type": "CheckpointLoaderSimple", "inputs": {"ckpt_name": "sd_xl_base_1.0.safetensors"}},
         "2": {"class_type": "CheckpointLoaderSimple", "inputs": {"ckpt_name": "sd_xl_refiner_1.0.safetensors"}},
         "3": {"class_type": "PrimitiveNode", "inputs": {"value": 1234567890123}},
         "4": {"class_type": "CLIPTextEncode", "inputs": {"text": "a castle, embedding:EasyNegative, dusk", "clip": ["1", 1]}},
         "5": {"class_type": "KSamplerAdvanced", "inputs": {"noise_seed": ["3", 0], "steps": 30, "cfg": 7.5,
               "sampler_name": "dpmpp_2m", "scheduler": "karras", "model": ["1", 0], "positive": ["4", 0],
               "latent_image": ["9", 0]}},
         "6": {"class_type": "KSamplerAdvanced", "inputs": {"noise_seed": 42, "steps": 30, "cfg": 7.5,
               "sampler_name": "dpmpp_2m", "scheduler": "karras", "model": ["2", 0], "latent_image": ["5", 0]}},
         "7": {"class_type": "VAELoader", "inputs": {"vae_name": "sdxl_vae.safetensors"}},
         "8": {"class_type": "VAEDecode", "inputs": {"samples": ["6", 0], "vae": ["7", 0]}},
         "9": {"class_type": "VAEEncode", "inputs": {"pixels": ["10", 0], "vae": ["7", 0]}},
         "10": {"class_type": "LoadImage", "inputs": {"image": "sketch.png", "upload": "image"}},
         "11": {"class_type": "ControlNetLoader", "inputs": {"control_net_name": "canny.safetensors"}},
         "12": {"class_type": "UpscaleModelLoader", "inputs": {"model_name": "4x-UltraSharp.pth"}},
         "13": {"class_type": "ImageUpscaleWithModel", "inputs": {"upscale_model": ["12", 0], "image": ["8", 0]}},
         "14": {"class_type": "SaveImage", "inputs": {"images": ["13", 0], "filename_prefix": "x"}},
         "15": {"class_type": "UNETLoader", "inputs": {"unet_name": "unused.safetensors"}}}
        """;

    // When
    final Generation generation = ComfyUiReader.read(prompt, null);

    // Then the ControlNet and UNET loaders feed no output and are not read; both samplers are
    final Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("prompt.nodes", "13");
    parameters.put("sampler.5.seed", "1234567890123");
    parameters.put("sampler.5.steps", "30");
    parameters.put("sampler.5.cfg", "7.5");
    parameters.put("sampler.5.sampler", "dpmpp_2m");
    parameters.put("sampler.5.scheduler", "karras");
    parameters.put("sampler.6.seed", "42");
    parameters.put("sampler.6.steps", "30");
    parameters.put("sampler.6.cfg", "7.5");
    parameters.put("sampler.6.sampler", "dpmpp_2m");
    parameters.put("sampler.6.scheduler", "karras");
    assertThat(generation.parameters()).isEqualTo(parameters);
    assertThat(generation.seed()).isEqualTo(1234567890123L);
    assertThat(generation.files())
        .extracting(FileRef::name, FileRef::usedBy)
        .containsExactly(
            tuple(
                "comfyui://models/checkpoints/sd_xl_base_1.0.safetensors",
                "node 1 CheckpointLoaderSimple"),
            tuple(
                "comfyui://models/checkpoints/sd_xl_refiner_1.0.safetensors",
                "node 2 CheckpointLoaderSimple"),
            tuple("comfyui://models/embeddings/EasyNegative", "node 4 CLIPTextEncode"),
            tuple("comfyui://models/vae/sdxl_vae.safetensors", "node 7 VAELoader"),
            tuple("comfyui://input/sketch.png", "node 10 LoadImage"),
            tuple(
                "comfyui://models/upscale_models/4x-UltraSharp.pth", "node 12 UpscaleModelLoader"));
  }

  @Test
  void shouldIgnoreMutedAndBypassedNodesWhenTheWorkflowMarksThem() {
    // Given a prompt that still holds a bypassed LoRA (node 3, mode 4) and a muted one (node 4)
    final String prompt =
        """
        {"1": {"class_type": "CheckpointLoaderSimple", "inputs": {"ckpt_name": "a.safetensors"}},
         "3": {"class_type": "LoraLoader", "inputs": {"lora_name": "bypassed.safetensors", "model": ["1", 0], "strength_model": 0.5}},
         "4": {"class_type": "LoraLoader", "inputs": {"lora_name": "muted.safetensors", "model": ["1", 0]}},
         "5": {"class_type": "KSampler", "inputs": {"seed": 1, "steps": 2, "model": ["3", 0]}},
         "6": {"class_type": "SaveImage", "inputs": {"images": ["5", 0]}}}
        """;
    final String workflow =
        "{\"nodes\": [{\"id\": 3, \"mode\": 4}, {\"id\": 4, \"mode\": 2}, {\"id\": 5, \"mode\": 0}],"
            + " \"extra\": {\"frontendVersion\": \"1.10.17\"}}";

    // When
    final Generation generation = ComfyUiReader.read(prompt, workflow);

    // Then
    assertThat(generation.files())
        .extracting(FileRef::name)
        .containsExactly("comfyui://models/checkpoints/a.safetensors");
    assertThat(generation.parameters())
        .containsEntry("workflow.ignoredNodes", "3,4")
        .containsEntry(
            "workflow.digest", CanonicalJson.digest(MetadataJson.parse(workflow, "w")).value());
    assertThat(generation.tools()).isEqualTo(Map.of("comfyui-frontend", "1.10.17"));
  }

  @Test
  void shouldRefuseNamingTheNodeWhenALinkPointsToANodeThatIsNotInThePrompt() {
    // Given
    final String prompt =
        "{\"3\": {\"class_type\": \"KSampler\", \"inputs\": {\"seed\": 1, \"model\": [\"99\", 0]}}}";

    // When / Then
    assertThatThrownBy(() -> ComfyUiReader.read(prompt, null))
        .isInstanceOf(ImportRefusedException.class)
        .hasMessage(
            "node 3 (KSampler) input \"model\" links to node 99, which is not in the prompt");
  }

  @Test
  void shouldRefuseNamingTheLoopWhenLinksFormACycle() {
    // Given 1 → 2 → 3 → 1
    final String prompt =
        "{\"1\": {\"class_type\": \"A\", \"inputs\": {\"x\": [\"2\", 0]}},"
            + " \"2\": {\"class_type\": \"B\", \"inputs\": {\"x\": [\"3\", 0]}},"
            + " \"3\": {\"class_type\": \"C\", \"inputs\": {\"x\": [\"1\", 0]}}}";

    // When / Then
    assertThatThrownBy(() -> ComfyUiReader.read(prompt, null))
        .isInstanceOf(ImportRefusedException.class)
        .hasMessage("the ComfyUI prompt's links form a cycle: node 1 → 2 → 3 → 1");
  }

  @Test
  void shouldRefuseWhenThePromptIsNotAJsonObject() {
    // Given / When / Then
    assertThatThrownBy(() -> ComfyUiReader.read("[1, 2]", null))
        .isInstanceOf(ImportRefusedException.class)
        .hasMessage("the ComfyUI prompt is not a JSON object but an array");
    assertThatThrownBy(() -> ComfyUiReader.read("{\"1\": ", null))
        .isInstanceOf(ImportRefusedException.class)
        .hasMessageStartingWith("the ComfyUI prompt is not JSON: ");
  }

  @Test
  void shouldRefuseInBoundedTimeWhenAChainOfTenThousandLinksLoops() {
    // Given a chain 0 → 1 → ... → 9999 → 0: deep enough to overflow a recursive walk
    final StringBuilder prompt = new StringBuilder("{");
    final int n = 10_000;
    for (int i = 0; i < n; i++) {
      prompt
          .append(i == 0 ? "" : ",")
          .append("\"")
          .append(i)
          .append("\": {\"class_type\": \"N\", \"inputs\": {\"x\": [\"")
          .append((i + 1) % n)
          .append("\", 0]}}");
    }
    prompt.append("}");

    // When / Then
    assertThatThrownBy(() -> ComfyUiReader.read(prompt.toString(), null))
        .isInstanceOf(ImportRefusedException.class)
        .hasMessageStartingWith("the ComfyUI prompt's links form a cycle: node 0 → 1 → 2");
  }
}
