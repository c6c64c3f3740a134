package dev.lineagegate.config;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Raw settings of one service, merged from (lowest first) the service's defaults, an optional
 * properties file, JVM system properties and {@code LINEAGE_GATE_*} environment variables. A key
 * {@code ingest.max-body-bytes} is overridden by {@code LINEAGE_GATE_INGEST_MAX_BODY_BYTES}. Typed
 * getters fail fast with the key, its variable and the offending value; each service turns these
 * into its own immutable config record at start.
 */
public final class Settings {

  public static final String ENV_PREFIX = "LINEAGE_GATE_";

  private final Map<String, String> values;

  private Settings(final Map<String, String> values) {
    this.values = Map.copyOf(values);
  }

  /** Defaults overridden by system properties and the environment of this process. */
  public static Settings load(final Map<String, String> defaults, final Path file) {
    return merge(defaults, file, System.getProperties(), System.getenv());
  }

  /**
   * Key prefixes whose keys are open-ended (client properties passed through as they are): {@code
   * LINEAGE_GATE_INGEST_KAFKA_LINGER_MS} sets {@code ingest.kafka.linger.ms}, {@code
   * LINEAGE_GATE_LINEAGE_KAFKA_STATESTORE_CACHE_MAX_BYTES} {@code
   * lineage.kafka.statestore.cache.max.bytes}, as Kafka's own images map variables (Kafka's keys
   * have dots, never underscores).
   */
  public static final List<String> OPEN_PREFIXES =
      List.of("ingest.kafka.", "lineage.kafka.", "gate.kafka.");

  /** The merge itself, with its sources given (tests pass their own environment). */
  public static Settings merge(
      final Map<String, String> defaults,
      final Path file,
      final Properties system,
      final Map<String, String> env) {
    final Map<String, String> merged = new TreeMap<>(defaults);
    if (file != null) {
      merged.putAll(read(file));
    }
    for (final String prefix : OPEN_PREFIXES) {
      system.stringPropertyNames().stream()
          .filter(name -> name.startsWith(prefix))
          .forEach(name -> merged.put(name, system.getProperty(name)));
      final String envPrefix = envName(prefix);
      env.forEach(
          (name, value) -> {
            if (name.startsWith(envPrefix) && name.length() > envPrefix.length()) {
              merged.put(
                  prefix
                      + name.substring(envPrefix.length())
                          .toLowerCase(Locale.ROOT)
                          .replace('_', '.'),
                  value);
            }
          });
    }
    for (final String key : defaults.keySet()) {
      final String fromSystem = system.getProperty(key);
      if (fromSystem != null) {
        merged.put(key, fromSystem);
      }
      final String fromEnv = env.get(envName(key));
      if (fromEnv != null) {
        merged.put(key, fromEnv);
      }
    }
    return new Settings(merged);
  }

  /** {@code ingest.max-body-bytes} → {@code LINEAGE_GATE_INGEST_MAX_BODY_BYTES}. */
  public static String envName(final String key) {
    return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  public String string(final String key) {
    final String value = values.get(key);
    if (value == null || value.isBlank()) {
      throw invalid(key, value, "is required");
    }
    return value.trim();
  }

  /** The value of {@code key}, empty when unset or blank. */
  public java.util.Optional<String> optional(final String key) {
    final String value = values.get(key);
    return value == null || value.isBlank()
        ? java.util.Optional.empty()
        : java.util.Optional.of(value.trim());
  }

  public int integer(final String key, final int min, final int max) {
    final long value = number(key);
    if (value < min || value > max) {
      throw invalid(key, values.get(key), "must be between " + min + " and " + max);
    }
    return (int) value;
  }

  public long number(final String key) {
    try {
      return Long.parseLong(string(key).replace("_", ""));
    } catch (NumberFormatException e) {
      throw invalid(key, values.get(key), "must be a whole number");
    }
  }

  public boolean bool(final String key) {
    final String value = string(key).toLowerCase(Locale.ROOT);
    if (!value.equals("true") && !value.equals("false")) {
      throw invalid(key, values.get(key), "must be true or false");
    }
    return Boolean.parseBoolean(value);
  }

  /** An ISO-8601 duration ({@code PT2H}) or milliseconds ({@code 1500}). */
  public Duration duration(final String key) {
    final String value = string(key);
    try {
      return value.chars().allMatch(Character::isDigit)
          ? Duration.ofMillis(Long.parseLong(value))
          : Duration.parse(value);
    } catch (DateTimeParseException | NumberFormatException e) {
      throw invalid(key, value, "must be an ISO-8601 duration such as PT10S, or milliseconds");
    }
  }

  /** A {@link #duration} that must be above zero (timeouts, intervals, windows). */
  public Duration positiveDuration(final String key) {
    final Duration value = duration(key);
    if (value.isNegative() || value.isZero()) {
      throw new InvalidSettingException(
          "setting " + key + " (env " + envName(key) + ") must be positive, got " + value);
    }
    return value;
  }

  /**
   * A replication factor for the topics Kafka Streams creates: -1 (the broker's
   * default.replication.factor) or an explicit factor of at least 1.
   */
  public int replicationFactor(final String key) {
    final int value = integer(key, -1, 32);
    if (value == 0) {
      throw new InvalidSettingException(
          "setting "
              + key
              + " (env "
              + envName(key)
              + ") must be -1 (broker default) or at least 1, got 0");
    }
    return value;
  }

  public URI uri(final String key) {
    final String value = string(key);
    try {
      final URI uri = URI.create(value);
      if (uri.getScheme() == null || uri.getHost() == null) {
        throw invalid(key, value, "must be an absolute URL such as http://127.0.0.1:8085");
      }
      return uri;
    } catch (IllegalArgumentException e) {
      throw invalid(key, value, "must be an absolute URL such as http://127.0.0.1:8085");
    }
  }

  /** Every merged value whose key starts with {@code prefix}, prefix removed (e.g. "kafka."). */
  public Map<String, String> withPrefix(final String prefix) {
    final Map<String, String> result = new TreeMap<>();
    values.forEach(
        (key, value) -> {
          if (key.startsWith(prefix)) {
            result.put(key.substring(prefix.length()), value);
          }
        });
    return result;
  }

  private static Map<String, String> read(final Path file) {
    final Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (IOException e) {
      throw new InvalidSettingException("cannot read settings file " + file + ": " + e);
    }
    final Map<String, String> map = new TreeMap<>();
    properties.stringPropertyNames().forEach(name -> map.put(name, properties.getProperty(name)));
    return map;
  }

  private static InvalidSettingException invalid(
      final String key, final String value, final String problem) {
    return new InvalidSettingException(
        "setting "
            + key
            + " (env "
            + envName(key)
            + ") "
            + problem
            + (value == null ? "" : ", got \"" + value + "\""));
  }

  /** A setting that is missing or malformed: the service stops at start with this message. */
  public static final class InvalidSettingException extends IllegalArgumentException {

    public InvalidSettingException(final String message) {
      super(message);
    }
  }
}
