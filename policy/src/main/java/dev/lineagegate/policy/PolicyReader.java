package dev.lineagegate.policy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.lineagegate.avro.ReasonCode;
import dev.lineagegate.avro.VerdictStatus;
import dev.lineagegate.schema.id.Digest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads the policy file of DESIGN.md §7 strictly: an unknown key, a wrong type or a bad value is an
 * error at its line, never ignored, because a misspelt key that is silently skipped would leave a
 * policy in force that nobody wrote. Keys given with no value ({@code budgets:}) count as absent.
 */
final class PolicyReader {

  private static final YAMLFactory YAML =
      YAMLFactory.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          // "budgets:" with nothing after it reads as null (absent), not as an empty string
          .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL)
          .build();

  private static final List<String> KEYS =
      List.of("severities", "freshness", "budgets", "targets", "stalledRunAfter");

  private static final String STATUSES = YamlCursor.STATUSES;

  /** Reason codes by name, in schema order (so that an error lists them as the schema does). */
  private static final Map<String, ReasonCode> CODES =
      Arrays.stream(ReasonCode.values())
          .collect(Collectors.toMap(Enum::name, code -> code, (a, b) -> a, LinkedHashMap::new));

  private final YamlCursor in;
  private final Map<ReasonCode, VerdictStatus> severities = new EnumMap<>(ReasonCode.class);
  private final List<FreshnessRule> freshness = new ArrayList<>();
  private final List<BudgetRule> budgets = new ArrayList<>();
  private Map<String, TargetPolicy> targets = Policy.DEFAULT_TARGETS;
  private Duration stalledRunAfter = Policy.DEFAULT_STALLED_RUN_AFTER;

  private PolicyReader(final YamlCursor in) {
    this.in = in;
  }

  static Policy read(final byte[] yaml, final String source) {
    try (JsonParser parser = YAML.createParser(yaml)) {
      return new PolicyReader(new YamlCursor(parser, source)).document(Digest.sha256(yaml));
    } catch (JsonProcessingException e) {
      final String detail = e.getOriginalMessage().replaceAll("\\s*\\R\\s*", " ").trim();
      throw new PolicyException(
          source,
          YamlCursor.lineOf(e.getLocation()),
          detail.startsWith("Duplicate field")
              ? "duplicate key " + detail.substring("Duplicate field".length()).trim()
              : "malformed YAML: " + detail);
    } catch (IOException e) {
      throw new UncheckedIOException("reading a policy from memory failed", e);
    }
  }

  private Policy document(final Digest version) throws IOException {
    if (in.next() != null) {
      in.expect(JsonToken.START_OBJECT, "a policy must be a mapping with keys " + KEYS);
      while (in.nextKey()) {
        final String key = in.key();
        if (!KEYS.contains(key)) {
          throw in.fail("unknown key \"" + key + "\"; expected one of " + KEYS);
        }
        if (in.next() != JsonToken.VALUE_NULL) {
          value(key);
        }
      }
      if (in.next() != null) {
        throw in.fail("a policy file holds one YAML document, found more");
      }
    }
    return new Policy(version, severities, freshness, budgets, targets, stalledRunAfter);
  }

  private void value(final String key) throws IOException {
    switch (key) {
      case "severities" -> readSeverities();
      case "freshness" -> readList("freshness", this::readFreshnessRule);
      case "budgets" -> readList("budgets", this::readBudgetRule);
      case "targets" -> readTargets();
      case "stalledRunAfter" -> {
        stalledRunAfter = in.duration("stalledRunAfter");
        if (stalledRunAfter.isZero()) {
          throw in.fail("stalledRunAfter must be longer than zero");
        }
      }
      default -> throw new IllegalStateException("key not in KEYS: " + key);
    }
  }

  private void readSeverities() throws IOException {
    in.expect(JsonToken.START_OBJECT, "severities must be a mapping of reason code to " + STATUSES);
    while (in.nextKey()) {
      final String name = in.key();
      final ReasonCode code = CODES.get(name);
      if (code == null) {
        throw in.fail(
            "unknown reason code \"" + name + "\" in severities; valid codes: " + CODES.keySet());
      }
      in.next();
      severities.put(code, in.status("the severity of " + name));
    }
  }

  private void readTargets() throws IOException {
    in.expect(
        JsonToken.START_OBJECT, "targets must be a mapping of target name to { block: [...] }");
    final Map<String, TargetPolicy> read = new LinkedHashMap<>();
    while (in.nextKey()) {
      final String name = in.key();
      final int line = in.line();
      in.next();
      in.expect(JsonToken.START_OBJECT, "target " + name + " must be a mapping { block: [...] }");
      Set<VerdictStatus> block = null;
      final Set<ReasonCode> reasons = EnumSet.noneOf(ReasonCode.class);
      while (in.nextKey()) {
        final String key = in.key();
        if ("block".equals(key)) {
          in.next();
          in.expect(
              JsonToken.START_ARRAY, "block of target " + name + " must be a list of " + STATUSES);
          block = EnumSet.noneOf(VerdictStatus.class);
          while (in.nextElement()) {
            block.add(in.status("a status in block of target " + name));
          }
        } else if ("reasons".equals(key)) {
          in.next();
          in.expect(
              JsonToken.START_ARRAY, "reasons of target " + name + " must be a list of codes");
          while (in.nextElement()) {
            final String text = in.string("a reason in reasons of target " + name);
            final ReasonCode code = CODES.get(text);
            if (code == null) {
              throw in.fail(
                  "unknown reason code \""
                      + text
                      + "\" in reasons of target "
                      + name
                      + "; valid codes: "
                      + CODES.keySet());
            }
            reasons.add(code);
          }
        } else {
          throw in.fail(
              "unknown key \"" + key + "\" in target " + name + "; expected block or reasons");
        }
      }
      if (block == null) {
        throw in.failAt(line, "target " + name + " has no block list");
      }
      read.put(name, new TargetPolicy(name, block, reasons));
    }
    targets = read;
  }

  /** A list of mappings, each read by {@code element} from its first key to its end. */
  private void readList(final String key, final Element element) throws IOException {
    in.expect(JsonToken.START_ARRAY, key + " must be a list of mappings");
    while (in.nextElement()) {
      in.expect(JsonToken.START_OBJECT, "each entry of " + key + " must be a mapping");
      element.read(in.line());
    }
  }

  private void readFreshnessRule(final int line) throws IOException {
    Glob match = null;
    Duration maxAge = null;
    while (in.nextKey()) {
      final String key = in.key();
      in.next();
      switch (key) {
        case "match" -> match = Glob.compile(in.string("match"));
        case "maxAge" -> maxAge = in.duration("maxAge");
        default -> throw unknownIn("freshness", key, "match, maxAge");
      }
    }
    if (match == null || maxAge == null) {
      throw in.failAt(line, "a freshness entry needs both match and maxAge");
    }
    freshness.add(new FreshnessRule(match, maxAge));
  }

  private void readBudgetRule(final int line) throws IOException {
    Glob step = null;
    Long duration = null;
    Double cpu = null;
    Double gpu = null;
    Long tokens = null;
    while (in.nextKey()) {
      final String key = in.key();
      in.next();
      switch (key) {
        case "step" -> step = Glob.compile(in.string("step"));
        case "maxDurationMs" -> duration = in.nonNegativeLong(key);
        case "maxCpuSeconds" -> cpu = in.nonNegativeDouble(key);
        case "maxGpuSeconds" -> gpu = in.nonNegativeDouble(key);
        case "maxTokens" -> tokens = in.nonNegativeLong(key);
        default ->
            throw unknownIn(
                "budgets", key, "step, maxDurationMs, maxCpuSeconds, maxGpuSeconds, maxTokens");
      }
    }
    if (step == null) {
      throw in.failAt(line, "a budgets entry needs a step");
    }
    budgets.add(new BudgetRule(step, Budget.of(duration, cpu, gpu, tokens)));
  }

  /** Reported at the value, which is the current token once the key has been passed. */
  private PolicyException unknownIn(final String list, final String key, final String expected) {
    return in.fail("unknown key \"" + key + "\" in " + list + "; expected " + expected);
  }

  @FunctionalInterface
  private interface Element {
    void read(int line) throws IOException;
  }
}
