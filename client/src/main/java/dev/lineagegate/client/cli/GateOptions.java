package dev.lineagegate.client.cli;

import dev.lineagegate.config.Settings;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * The flags of {@code check} and {@code promote}: where the gate is, how long to wait, how to
 * print.
 */
final class GateOptions {

  static final String DEFAULT_URL = "http://127.0.0.1:8082";
  static final String URL_SETTING = "gate.url";

  @Option(
      names = "--gate",
      paramLabel = "URL",
      description = "Gate base URL (default: $LINEAGE_GATE_GATE_URL, else " + DEFAULT_URL + ").")
  URI gate;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      defaultValue = "10",
      converter = SecondsConverter.class,
      description = "Give up after this long, retries included (default: ${DEFAULT-VALUE} s).")
  Duration timeout;

  @Option(names = "--json", description = "Print the gate's answer as it came, JSON.")
  boolean json;

  GateHttp http() {
    return new GateHttp(gate != null ? gate : defaultUrl(), timeout);
  }

  /** {@code LINEAGE_GATE_GATE_URL}, else the JVM system property {@code gate.url}, else 8082. */
  static URI defaultUrl() {
    return Settings.load(Map.of(URL_SETTING, DEFAULT_URL), null).uri(URL_SETTING);
  }

  /** Seconds, fractions allowed ({@code 0.5}): a CI step says how long it can wait. */
  static final class SecondsConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(final String value) {
      final BigDecimal seconds = seconds(value);
      if (seconds.signum() <= 0) {
        throw new TypeConversionException("must be more than 0 seconds: " + value);
      }
      return Duration.ofMillis(seconds.movePointRight(3).longValue());
    }
  }

  /** As {@link SecondsConverter}, where 0 means "not at all". */
  static final class SecondsOrZeroConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(final String value) {
      final BigDecimal seconds = seconds(value);
      if (seconds.signum() < 0) {
        throw new TypeConversionException("must be 0 seconds or more: " + value);
      }
      return Duration.ofMillis(seconds.movePointRight(3).longValue());
    }
  }

  private static BigDecimal seconds(final String value) {
    try {
      return new BigDecimal(value);
    } catch (NumberFormatException e) {
      throw new TypeConversionException("not a number of seconds: " + value);
    }
  }
}
