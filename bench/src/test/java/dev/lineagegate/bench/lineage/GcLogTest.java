package dev.lineagegate.bench.lineage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class GcLogTest {

  @Test
  void shouldReportTheHeapAfterEachCollectionWhenReadingAUnifiedGcLog() {
    // Given JDK 17 -Xlog:gc lines: young pauses, a line without sizes, and a forced full GC
    final List<String> lines =
        List.of(
            "[0.012s][info][gc] Using G1",
            "[2.101s][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 24M->8M(256M) 3.1ms",
            "[9.870s][info][gc] GC(1) Pause Young (Concurrent Start) (G1 Humongous Allocation)"
                + " 300M->120M(512M) 6.0ms",
            "[9.990s][info][gc] GC(2) Concurrent Mark Cycle 110.2ms",
            "[20.5s][info][gc] GC(3) Pause Full (System.gc()) 200M->96M(428M) 310.4ms",
            "[21.0s][info][gc] GC(4) Pause Young (Normal) (G1 Evacuation Pause) 1G->900K(1G) 2ms");

    // When
    final GcLog.Summary summary = GcLog.parse(lines);

    // Then
    assertThat(summary)
        .isEqualTo(new GcLog.Summary(4, 1, 120L << 20, 900L << 10, 96L << 20, 1L << 30));
  }

  @Test
  void shouldReportNothingWhenNoCollectionRan() {
    assertThat(GcLog.parse(List.of("[0.012s][info][gc] Using G1")))
        .isEqualTo(new GcLog.Summary(0, 0, 0, 0, -1, 0));
  }
}
