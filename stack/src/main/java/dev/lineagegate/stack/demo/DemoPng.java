package dev.lineagegate.stack.demo;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * The demo's ComfyUI output: a 1×1 PNG carrying a {@code prompt} text chunk as ComfyUI's SaveImage
 * writes it (W3C PNG §11.3.3 tEXt). Written here rather than shipped, so that the repository holds
 * no binary sample and the prompt reads as source.
 */
final class DemoPng {

  /** SD1.5 checkpoint, a LoRA, a KSampler with a fixed seed, SaveImage: API format. */
  static final String PROMPT =
      "{\"4\": {\"class_type\": \"CheckpointLoaderSimple\","
          + " \"inputs\": {\"ckpt_name\": \"v1-5-pruned-emaonly.safetensors\"}},"
          + " \"10\": {\"class_type\": \"LoraLoader\", \"inputs\": {\"lora_name\":"
          + " \"studio-style.safetensors\", \"strength_model\": 0.8, \"strength_clip\": 0.8,"
          + " \"model\": [\"4\", 0], \"clip\": [\"4\", 1]}},"
          + " \"6\": {\"class_type\": \"CLIPTextEncode\","
          + " \"inputs\": {\"text\": \"a lighthouse at dusk\", \"clip\": [\"10\", 1]}},"
          + " \"5\": {\"class_type\": \"EmptyLatentImage\","
          + " \"inputs\": {\"width\": 512, \"height\": 512, \"batch_size\": 1}},"
          + " \"3\": {\"class_type\": \"KSampler\", \"inputs\": {\"seed\": 156680208700286,"
          + " \"steps\": 20, \"cfg\": 8.0, \"sampler_name\": \"euler\", \"scheduler\": \"normal\","
          + " \"denoise\": 1.0, \"model\": [\"10\", 0], \"positive\": [\"6\", 0],"
          + " \"negative\": [\"6\", 0], \"latent_image\": [\"5\", 0]}},"
          + " \"8\": {\"class_type\": \"VAEDecode\", \"inputs\": {\"samples\": [\"3\", 0],"
          + " \"vae\": [\"4\", 2]}},"
          + " \"9\": {\"class_type\": \"SaveImage\", \"inputs\": {\"filename_prefix\": \"ComfyUI\","
          + " \"images\": [\"8\", 0]}}}";

  private DemoPng() {}

  static byte[] image() {
    final ByteArrayOutputStream png = new ByteArrayOutputStream();
    png.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
    chunk(
        png,
        "IHDR",
        ByteBuffer.allocate(13).putInt(1).putInt(1).put(new byte[] {8, 6, 0, 0, 0}).array());
    final ByteArrayOutputStream text = new ByteArrayOutputStream();
    text.writeBytes("prompt\0".getBytes(StandardCharsets.ISO_8859_1));
    text.writeBytes(PROMPT.getBytes(StandardCharsets.ISO_8859_1));
    chunk(png, "tEXt", text.toByteArray());
    chunk(png, "IDAT", deflate(new byte[5]));
    chunk(png, "IEND", new byte[0]);
    return png.toByteArray();
  }

  private static void chunk(final ByteArrayOutputStream png, final String type, final byte[] data) {
    final byte[] name = type.getBytes(StandardCharsets.US_ASCII);
    final CRC32 crc = new CRC32();
    crc.update(name);
    crc.update(data);
    png.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
    png.writeBytes(name);
    png.writeBytes(data);
    png.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }

  private static byte[] deflate(final byte[] data) {
    final Deflater deflater = new Deflater();
    deflater.setInput(data);
    deflater.finish();
    final byte[] out = new byte[64];
    final int n = deflater.deflate(out);
    deflater.end();
    return Arrays.copyOf(out, n);
  }
}
