package dev.lineagegate.client.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lineagegate.schema.json.FieldError;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SendingTest {

  @Test
  void shouldGroupErrorsByEventWithRelativePointersWhenEachNamesAnIndex() {
    final Map<Integer, List<FieldError>> byEvent =
        Sending.byEvent(
            List.of(
                new FieldError("/2/run/step", "is required"),
                new FieldError("/0", "is not an object"),
                new FieldError("/2/eventTime", "is in the future")),
            3);
    assertThat(byEvent)
        .containsOnlyKeys(0, 2)
        .containsEntry(0, List.of(new FieldError("", "is not an object")))
        .containsEntry(
            2,
            List.of(
                new FieldError("/run/step", "is required"),
                new FieldError("/eventTime", "is in the future")));
  }

  @Test
  void shouldNotAttributeWhenAnErrorNamesNoEventOfTheBatch() {
    assertThat(Sending.byEvent(List.of(new FieldError("", "is not valid UTF-8")), 3)).isNull();
    assertThat(Sending.byEvent(List.of(new FieldError("/3/run", "x")), 3)).isNull();
    assertThat(Sending.byEvent(List.of(new FieldError("/run/step", "x")), 3)).isNull();
    assertThat(Sending.byEvent(List.of(), 3)).isEmpty();
  }
}
