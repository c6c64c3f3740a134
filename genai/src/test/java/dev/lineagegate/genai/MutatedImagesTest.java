package dev.lineagegate.genai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.lineagegate.genai.event.FileDigests;
import dev.lineagegate.genai.event.ImportRequest;
import dev.lineagegate.testkit.GenAiSamples;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Damaged copies of real and hand-built images, made with a fixed seed (bytes flipped, runs
 * overwritten, cut, a length field inflated): each is imported or refused with {@link
 * ImportRefusedException}, never another exception, and all of them in bounded time.
 */
class MutatedImagesTest {

  private static final long SEED = 16L;
  private static final int MUTANTS_PER_IMAGE = 1500;
  private static final ImportRequest REQUEST =
      new ImportRequest("x", null, null, null, Instant.parse("2026-12-05T00:00:00Z"));

  @Test
  void shouldImportOrRefuseEveryMutantWhenImagesAreDamagedAtRandom() {
    // Given the reference PNGs and EXIF fixtures
    final List<byte[]> originals =
        List.of(
            GenAiSamples.bytes(GenAiSamples.COMFYUI_TWO_LORAS),
            GenAiSamples.bytes(GenAiSamples.A1111),
            ExifFixtures.create().unicodeComment("a cat\nSteps: 20, Seed: 1, CFG scale: 7").jpeg(),
            ExifFixtures.create().ascii(0x0110, "prompt:{\"1\": {\"class_type\": \"A\"}}").webp());
    final Random random = new Random(SEED);
    final List<String> unexpected = new ArrayList<>();
    final int[] outcomes = new int[2];

    // When each is damaged many times and imported
    assertTimeoutPreemptively(
        Duration.ofSeconds(60),
        () -> {
          for (final byte[] original : originals) {
            for (int i = 0; i < MUTANTS_PER_IMAGE; i++) {
              final byte[] mutant = mutate(original, random);
              try {
                ImageImport.read(mutant, REQUEST, FileDigests.NONE);
                outcomes[0]++;
              } catch (ImportRefusedException refused) {
                assertThat(refused.getMessage()).isNotBlank();
                outcomes[1]++;
              } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
                unexpected.add(e + " on mutant " + i + " of a " + original.length + "-byte image");
              }
            }
          }
        });

    // Then nothing but imports and refusals, and both happened
    assertThat(unexpected).isEmpty();
    assertThat(outcomes[0]).isPositive();
    assertThat(outcomes[1]).isPositive();
  }

  private static byte[] mutate(final byte[] original, final Random random) {
    final byte[] bytes = Arrays.copyOf(original, original.length);
    switch (random.nextInt(4)) {
      case 0 -> {
        for (int n = 1 + random.nextInt(8); n > 0; n--) {
          bytes[random.nextInt(bytes.length)] ^= (byte) (1 << random.nextInt(8));
        }
      }
      case 1 -> {
        final int at = random.nextInt(bytes.length);
        Arrays.fill(bytes, at, Math.min(bytes.length, at + 1 + random.nextInt(64)), (byte) 0xFF);
      }
      case 2 -> {
        return Arrays.copyOf(bytes, random.nextInt(bytes.length));
      }
      default -> {
        // a 4-byte big-endian length somewhere made huge
        final int at = random.nextInt(Math.max(1, bytes.length - 4));
        bytes[at] = (byte) 0x7F;
        bytes[at + 1] = (byte) 0xFF;
      }
    }
    return bytes;
  }
}
