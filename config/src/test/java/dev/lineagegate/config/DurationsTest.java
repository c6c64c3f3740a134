package dev.lineagegate.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DurationsTest {

  @ParameterizedTest
  @CsvSource({
    "PT2S, 2s",
    "PT1.5S, 1.5s",
    "PT0.5S, 500ms",
    "PT1M30S, 1m30s",
    "PT2H, 2h",
    "P30D, 30d",
    "PT0S, 0s",
    "P1DT2H3M4.005S, 1d2h3m4.005s",
    "PT0.0000005S, 500ns",
    "PT-2S, -2s"
  })
  void shouldShowADurationAsPeopleWriteItWhenItIsShownToThem(final String iso, final String shown) {
    // Given a duration, When it is shown, Then it reads as people write it
    assertThat(Durations.show(Duration.parse(iso))).isEqualTo(shown);
  }
}
