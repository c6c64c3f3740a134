package dev.lineagegate.schema.id;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RunIdTest {

  @Test
  void shouldKeepOpaqueIdWhenNotUuid() {
    // Given an OpenLineage runId that is not a UUID (DESIGN.md §6.2)
    final RunId id = RunId.parse("scheduled__2026-11-22T10:00:00+00:00");
    // Then it is kept as it is
    assertThat(id.value()).isEqualTo("scheduled__2026-11-22T10:00:00+00:00");
    assertThat(id.isUuid()).isFalse();
  }

  @Test
  void shouldRecogniseUuidWhenCanonical() {
    assertThat(RunId.parse("7f1d3c52-2b8e-4a57-9c1e-5d7a9b0e1f01").isUuid()).isTrue();
    assertThat(RunId.random().isUuid()).isTrue();
  }

  @Test
  void shouldRefuseWhenBlankTooLongOrControlCharacters() {
    assertThatThrownBy(() -> RunId.parse(" ")).hasMessageContaining("blank");
    assertThatThrownBy(() -> RunId.parse(null)).hasMessageContaining("blank");
    assertThatThrownBy(() -> RunId.parse("a".repeat(RunId.MAX_LENGTH + 1)))
        .hasMessageContaining("longer than 256");
    assertThatThrownBy(() -> RunId.parse("run\n1")).hasMessageContaining("control character");
  }
}
