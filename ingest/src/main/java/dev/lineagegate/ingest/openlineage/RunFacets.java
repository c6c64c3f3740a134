package dev.lineagegate.ingest.openlineage;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lineagegate.avro.CheckResult;
import dev.lineagegate.avro.EnvironmentInfo;
import dev.lineagegate.avro.ErrorInfo;
import dev.lineagegate.schema.contract.EventLimits;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the standard run facets say about a run's environment, tests, failure and parent. */
final class RunFacets {

  /** Tool key for the OpenLineage integration's own version (processing_engine facet). */
  static final String ADAPTER_TOOL = "openlineage-adapter";

  /** Tool key for an engine version whose facet leaves the engine's name out. */
  static final String UNNAMED_ENGINE_TOOL = "processing-engine";

  private RunFacets() {}

  /**
   * The environment from the {@code processing_engine} facet (engine name → version, and the
   * adapter version), the {@code environmentVariables} facet, and our facet's digest. Null when
   * none of them is there, so that a run without any reads as "no environment" (§4.3).
   */
  static EnvironmentInfo environment(final JsonNode runFacets, final String digest) {
    final JsonNode engine = LenientJson.facet(runFacets, "processing_engine");
    final JsonNode variables = LenientJson.facet(runFacets, "environmentVariables");
    if (engine.isMissingNode() && variables.isMissingNode() && digest == null) {
      return null;
    }
    final Map<String, String> tools = new LinkedHashMap<>();
    final String version = LenientJson.text(engine, "version");
    if (version != null) {
      final String name = LenientJson.text(engine, "name");
      tools.put(name != null ? name : UNNAMED_ENGINE_TOOL, version);
    }
    final String adapter = LenientJson.text(engine, "openlineageAdapterVersion");
    if (adapter != null) {
      tools.put(ADAPTER_TOOL, adapter);
    }
    final Map<String, String> values = new LinkedHashMap<>();
    for (final JsonNode variable : LenientJson.elements(variables, "environmentVariables")) {
      final String name = LenientJson.text(variable, "name");
      final String value = LenientJson.text(variable, "value");
      if (name != null && value != null) {
        values.put(name, value); // a repeated name: the last one listed wins
      }
    }
    return EnvironmentInfo.newBuilder()
        .setDigest(digest)
        .setImage(null)
        .setLockfile(null)
        .setTools(tools)
        .setHardware(Map.of())
        .setVariables(values)
        .build();
  }

  /**
   * One check per test of the {@code test} facet: passed when its status is "pass". A skipped test
   * ran no check, so it yields none, rather than a failure that would block the run's outputs.
   */
  static List<CheckResult> tests(final JsonNode runFacets) {
    final List<CheckResult> checks = new ArrayList<>();
    for (final JsonNode test :
        LenientJson.elements(LenientJson.facet(runFacets, "test"), "tests")) {
      final String status = LenientJson.text(test, "status");
      if ("skip".equalsIgnoreCase(status)) {
        continue;
      }
      checks.add(
          CheckResult.newBuilder()
              .setName(LenientJson.text(test, "name"))
              .setPassed("pass".equalsIgnoreCase(status))
              .setSeverity(CheckSeverities.severity(LenientJson.text(test, "severity")))
              .setObserved(LenientJson.text(test, "actual"))
              .build());
    }
    return checks;
  }

  /** Why the run failed, from the {@code errorMessage} facet; null without it. */
  static ErrorInfo error(final JsonNode runFacets) {
    final JsonNode error = LenientJson.facet(runFacets, "errorMessage");
    final String message = LenientJson.text(error, "message");
    if (message == null) {
      return null;
    }
    return ErrorInfo.newBuilder()
        .setMessage(message)
        .setType(LenientJson.text(error, "programmingLanguage"))
        .setStackTrace(stackTrace(LenientJson.text(error, "stackTrace")))
        .build();
  }

  /**
   * A stack trace within {@link EventLimits#STACK_TRACE}: longer ones keep their head (where the
   * failure is named) and end with a marker giving the original length. Truncated rather than
   * refused: real Spark stack traces run to hundreds of KB, and refusing them would lose the run.
   */
  static String stackTrace(final String trace) {
    if (trace == null || trace.length() <= EventLimits.STACK_TRACE) {
      return trace;
    }
    final String marker = "\n… [truncated by lineage-gate: " + trace.length() + " characters]";
    int cut = EventLimits.STACK_TRACE - marker.length();
    if (Character.isHighSurrogate(trace.charAt(cut - 1))) {
      cut--; // never split a surrogate pair: half of one is not text
    }
    return trace.substring(0, cut) + marker;
  }

  /** The parent run's job as {@code namespace/name} ({@code parent} facet), or null. */
  static String parentJob(final JsonNode runFacets) {
    final JsonNode job = LenientJson.facet(runFacets, "parent").path("job");
    final String namespace = LenientJson.text(job, "namespace");
    final String name = LenientJson.text(job, "name");
    return namespace != null && name != null ? namespace + "/" + name : null;
  }
}
