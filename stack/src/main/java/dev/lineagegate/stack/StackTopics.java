package dev.lineagegate.stack;

import dev.lineagegate.schema.Topics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * The topics of DESIGN.md §5 (plus lineage-stream's graph and ingest's OpenLineage bridge input),
 * created when missing. Three partitions each (room for a second instance of a service, and the
 * same count on verdicts and decisions, which the gate reads together by digest), but one for
 * {@code lineage.events.v1} and {@code lineage.graph.v1}: the embedded stack runs one
 * lineage-stream, and with one task every message between graph nodes is delivered inside it
 * (DESIGN.md §9, docs/LINEAGE-STREAM.md "Partitions"). docker-compose.yml creates the same topics
 * with three partitions each, for a deployment that spreads ({@code ComposeFileTest}).
 */
public final class StackTopics {

  public static final int PARTITIONS = 3;

  /** lineage.events.v1 and lineage.graph.v1, which lineage-stream reads in one task each. */
  public static final int LINEAGE_PARTITIONS = 1;

  public static final String OPENLINEAGE_EVENTS = "openlineage.events";
  private static final String DAY = "86400000";

  private StackTopics() {}

  /** Topic → its configuration: retention chosen by what each topic is for. */
  public static Map<String, Map<String, String>> all() {
    final Map<String, Map<String, String>> topics = new LinkedHashMap<>();
    topics.put(Topics.EVENTS.name(), retention(7));
    topics.put(Topics.EVENTS_DLQ.name(), retention(30));
    // The graph is a mailbox between nodes whose state is in changelogs: a week is plenty.
    topics.put(Topics.GRAPH.name(), retention(7));
    // Verdicts and OpenLineage metadata: the latest per key is what readers need.
    topics.put(Topics.VERDICTS.name(), Map.of("cleanup.policy", "compact"));
    topics.put(Topics.ALERTS.name(), retention(30));
    // Decisions are the audit trail of promotions: kept forever.
    topics.put(Topics.DECISIONS.name(), Map.of("retention.ms", "-1"));
    topics.put(Topics.OPENLINEAGE_METADATA.name(), Map.of("cleanup.policy", "compact"));
    topics.put(OPENLINEAGE_EVENTS, retention(7));
    return topics;
  }

  /** The partition count the embedded stack gives {@code topic}. */
  public static int partitions(final String topic) {
    return topic.equals(Topics.EVENTS.name()) || topic.equals(Topics.GRAPH.name())
        ? LINEAGE_PARTITIONS
        : PARTITIONS;
  }

  static void create(final String bootstrapServers) {
    final List<NewTopic> topics =
        all().entrySet().stream()
            .map(
                e ->
                    new NewTopic(e.getKey(), partitions(e.getKey()), (short) 1)
                        .configs(e.getValue()))
            .toList();
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      for (final NewTopic topic : topics) {
        try {
          admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw new IllegalStateException(
                "could not create topic " + topic.name() + ": " + e.getCause().getMessage(), e);
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted creating topics", e);
    } catch (TimeoutException e) {
      throw new IllegalStateException("the broker did not create the topics within 30 s", e);
    }
  }

  private static Map<String, String> retention(final int days) {
    return Map.of("retention.ms", Long.toString(Long.parseLong(DAY) * days));
  }
}
