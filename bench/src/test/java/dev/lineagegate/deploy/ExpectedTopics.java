package dev.lineagegate.deploy;

import dev.lineagegate.schema.Topics;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The topics a deployment must create before the services start: {@code Topics.ALL} plus ingest's
 * OpenLineage bridge input, three partitions each, with the retention of the embedded stack ({@code
 * dev.lineagegate.stack.StackTopics}, which bench cannot see; keep the two in step).
 */
final class ExpectedTopics {

  static final int PARTITIONS = 3;
  static final String OPENLINEAGE_EVENTS = "openlineage.events";
  private static final long DAY_MS = 86_400_000L;

  private ExpectedTopics() {}

  /** Topic → its configuration. */
  static Map<String, Map<String, String>> all() {
    final Map<String, Map<String, String>> topics = new LinkedHashMap<>();
    topics.put(Topics.EVENTS.name(), retention(7));
    topics.put(Topics.EVENTS_DLQ.name(), retention(30));
    topics.put(Topics.GRAPH.name(), retention(7));
    topics.put(Topics.VERDICTS.name(), Map.of("cleanup.policy", "compact"));
    topics.put(Topics.ALERTS.name(), retention(30));
    topics.put(Topics.DECISIONS.name(), Map.of("retention.ms", "-1"));
    topics.put(Topics.OPENLINEAGE_METADATA.name(), Map.of("cleanup.policy", "compact"));
    topics.put(OPENLINEAGE_EVENTS, retention(7));
    return topics;
  }

  private static Map<String, String> retention(final int days) {
    return Map.of("retention.ms", Long.toString(DAY_MS * days));
  }
}
