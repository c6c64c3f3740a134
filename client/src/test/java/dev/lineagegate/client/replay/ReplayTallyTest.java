package dev.lineagegate.client.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lineagegate.schema.json.FieldError;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplayTallyTest {

  @Test
  void shouldResumeAtTheEarliestUnsettledUnitWhenRequestsAreInFlight() {
    // Given units opened at lines 3, 7 and 7 (two OpenLineage lines of one line number can't
    // happen, but a batch and a retry of part of it can share their first line)
    final ReplayTally tally = new ReplayTally(20, null);
    tally.open(3);
    tally.open(7);
    tally.open(7);
    // When / Then
    assertThat(tally.resumeLine(10)).isEqualTo(3);
    tally.settle(3);
    assertThat(tally.resumeLine(10)).isEqualTo(7);
    tally.settle(7);
    assertThat(tally.resumeLine(10)).isEqualTo(7);
    tally.settle(7);
    assertThat(tally.resumeLine(10)).isEqualTo(10);
  }

  @Test
  void shouldListTheFirstRefusalsAndWriteAllWhenThereAreMany() {
    // Given
    final StringWriter rejects = new StringWriter();
    final ReplayTally tally = new ReplayTally(2, rejects);
    // When
    for (int line = 1; line <= 3; line++) {
      tally.refuse(
          new Refusal(
              "f", line, Refusal.REFUSED, 400, "d", List.of(new FieldError("/a", "is bad"))));
    }
    tally.refuse(new Refusal("f", 4, Refusal.NOT_JSON, 0, "Unexpected end", List.of()));
    // Then
    assertThat(tally.firstRefusals()).extracting(Refusal::line).containsExactly(1L, 2L);
    assertThat(tally.refused()).isEqualTo(3);
    assertThat(tally.notJson()).isEqualTo(1);
    assertThat(rejects.toString().split("\n"))
        .hasSize(4)
        .startsWith(
            "{\"file\":\"f\",\"line\":1,\"reason\":\"refused\",\"status\":400,\"detail\":\"d\","
                + "\"errors\":[{\"pointer\":\"/a\",\"detail\":\"is bad\"}]}")
        .endsWith(
            "{\"file\":\"f\",\"line\":4,\"reason\":\"not-json\",\"detail\":\"Unexpected end\","
                + "\"errors\":[]}");
  }
}
