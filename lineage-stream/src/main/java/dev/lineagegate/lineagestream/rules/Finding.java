package dev.lineagegate.lineagestream.rules;

import dev.lineagegate.avro.ReasonCode;
import dev.lineagegate.avro.Severity;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a rule found, before the policy decides its severity (DESIGN.md §7 may raise, lower or drop
 * it). Evidence is kept sorted so that two evaluations of the same facts compare equal.
 */
public record Finding(
    ReasonCode code, Severity defaultSeverity, String message, Map<String, String> evidence) {

  public Finding {
    evidence = new TreeMap<>(evidence);
  }

  public static Finding block(
      final ReasonCode code, final String message, final Map<String, String> evidence) {
    return new Finding(code, Severity.BLOCK, message, evidence);
  }

  public static Finding warn(
      final ReasonCode code, final String message, final Map<String, String> evidence) {
    return new Finding(code, Severity.WARN, message, evidence);
  }

  /** True for the reasons an artifact inherits from its ancestors rather than has of its own. */
  public static boolean inherited(final ReasonCode code) {
    return code == ReasonCode.UPSTREAM_BLOCKED || code == ReasonCode.UPSTREAM_WARNED;
  }
}
