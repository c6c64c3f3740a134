package dev.lineagegate.client.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class NativeBatchTest {

  private static byte[] event(final int bytes) {
    return "x".repeat(bytes).getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void shouldFitByCountWhenTheBatchIsBelowItsSize() {
    final NativeBatch batch = new NativeBatch();
    batch.add(1, event(10), "a");
    batch.add(2, event(10), "b");
    assertThat(batch.fits(10, 3, 1_000)).isTrue();
    assertThat(batch.fits(10, 2, 1_000)).isFalse();
  }

  @Test
  void shouldFitByBytesUpToTheExactBodyLimit() {
    // Given [a,b] = 2 brackets + 10 + 1 comma + 10 = 23 bytes
    final NativeBatch batch = new NativeBatch();
    batch.add(1, event(10), "a");
    assertThat(batch.bodyBytes()).isEqualTo(12);
    assertThat(batch.fits(10, 100, 23)).isTrue();
    assertThat(batch.fits(10, 100, 22)).isFalse();
    batch.add(2, event(10), "b");
    assertThat(batch.bodyBytes()).isEqualTo(23).isEqualTo(NativeBatch.bodyBytes(batch.events()));
  }

  @Test
  void shouldKeepLinesAndIdsWhenTakingASubset() {
    final NativeBatch batch = new NativeBatch();
    batch.file("f");
    batch.add(4, event(1), "a");
    batch.add(9, event(2), "b");
    batch.add(12, event(3), "c");
    final NativeBatch part = batch.subset(List.of(0, 2));
    assertThat(part.lines()).containsExactly(4L, 12L);
    assertThat(part.eventIds()).containsExactly("a", "c");
    assertThat(part.firstLine()).isEqualTo(4);
    assertThat(part.file()).isEqualTo("f");
    assertThat(part.bodyBytes()).isEqualTo(2 + 1 + 1 + 3);
  }
}
