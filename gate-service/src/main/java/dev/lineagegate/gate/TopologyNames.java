package dev.lineagegate.gate;

/**
 * The names of the gate's sources, processors, sinks and stores: a class of its own, so that the
 * processors that look up their stores do not import the topology that builds them. Renaming a
 * store orphans its changelog.
 */
public final class TopologyNames {

  public static final String VERDICTS_SOURCE = "verdicts-source";
  public static final String DECISIONS_SOURCE = "decisions-source";
  public static final String VERDICT_INPUTS = "verdict-inputs";
  public static final String DECISION_INPUTS = "decision-inputs";
  public static final String INPUTS = "gate-inputs";
  public static final String ARTIFACTS = "gate-artifacts";
  public static final String BY_NAME = "gate-by-name";
  public static final String NAMES = "gate-names";
  public static final String DECISIONS_SINK = "decisions-sink";
  public static final String ARTIFACTS_STORE = "gate-artifacts";
  public static final String LOG_STORE = "gate-decision-log";
  public static final String REQUESTS_STORE = "gate-requests";
  public static final String EXPIRY_STORE = "gate-waiver-expiry";
  public static final String NAMES_STORE = "gate-names";

  private TopologyNames() {}
}
