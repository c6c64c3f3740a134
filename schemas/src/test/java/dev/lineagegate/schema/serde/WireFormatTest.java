package dev.lineagegate.schema.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lineagegate.schema.serde.WireFormat.WireFormatException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WireFormatTest {

  @Test
  void shouldReadBigEndianSchemaIdWhenHeaderIsValid() {
    // Given magic byte 0 and schema id 0x01020304
    final byte[] bytes = {0, 1, 2, 3, 4, 42};
    // When / Then
    assertThat(WireFormat.schemaId("t", bytes)).isEqualTo(0x01020304);
    assertThat(WireFormat.header(0x01020304)).containsExactly(0, 1, 2, 3, 4);
  }

  @Test
  void shouldNameTheByteAndTopicWhenMagicByteIsUnknown() {
    final byte[] json = "{\"eventId\":\"x\"}".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> WireFormat.schemaId("lineage.events.v1", json))
        .isInstanceOf(WireFormatException.class)
        .hasMessage(
            "unknown magic byte 0x7b on topic lineage.events.v1: not the Confluent wire format"
                + " (expected 0x00); the value looks like JSON");
    assertThatThrownBy(() -> WireFormat.schemaId("t", new byte[] {1, 0, 0, 0, 1}))
        .isInstanceOf(WireFormatException.class)
        .hasMessageStartingWith("unknown magic byte 0x01 on topic t");
  }

  @Test
  void shouldRefuseWhenShorterThanHeader() {
    assertThatThrownBy(() -> WireFormat.schemaId("t", new byte[] {0, 0, 1}))
        .isInstanceOf(WireFormatException.class)
        .hasMessageContaining("is 3 bytes, shorter than the 5-byte Confluent header");
  }
}
