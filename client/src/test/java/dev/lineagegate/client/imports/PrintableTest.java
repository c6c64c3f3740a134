package dev.lineagegate.client.imports;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Metadata text printed on a terminal: control characters escaped, the rest as it is. */
class PrintableTest {

  @Test
  void shouldEscapeControlCharactersWhenANameCarriesATerminalEscapeAndANewline() {
    // Given a LoRA name that would recolour the terminal and forge a second line
    final String name = "lora\u001b[31m.safetensors\nimported 9 of 9 images";

    // When
    final String printed = Printable.of(name);

    // Then
    assertThat(printed).isEqualTo("lora\\u001b[31m.safetensors\\u000aimported 9 of 9 images");
  }

  @Test
  void shouldKeepTheTextWhenItHasNoControlCharacter() {
    // Given / When / Then
    assertThat(Printable.of("über/model.safetensors")).isEqualTo("über/model.safetensors");
  }
}
