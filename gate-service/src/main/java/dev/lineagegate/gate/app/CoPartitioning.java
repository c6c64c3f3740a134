package dev.lineagegate.gate.app;

import dev.lineagegate.schema.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;

/**
 * The artifact task reads verdicts and decisions of one digest together: that only holds when both
 * topics have the same number of partitions (the same key then lands on the same partition number).
 * Checked at start, because Kafka Streams does not check it for a merge and would silently split an
 * artifact's verdicts from its promotions.
 */
final class CoPartitioning {

  private CoPartitioning() {}

  static void check(final String bootstrapServers, final Duration timeout) {
    try (Admin admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                (int) timeout.toMillis()))) {
      final Map<String, TopicDescription> topics =
          admin
              .describeTopics(List.of(Topics.VERDICTS.name(), Topics.DECISIONS.name()))
              .allTopicNames()
              .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      final int verdicts = topics.get(Topics.VERDICTS.name()).partitions().size();
      final int decisions = topics.get(Topics.DECISIONS.name()).partitions().size();
      if (verdicts != decisions) {
        throw new IllegalStateException(
            Topics.VERDICTS.name()
                + " has "
                + verdicts
                + " partitions and "
                + Topics.DECISIONS.name()
                + " "
                + decisions
                + ": the gate needs both keyed by digest on the same number of partitions");
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "cannot describe "
              + Topics.VERDICTS.name()
              + " and "
              + Topics.DECISIONS.name()
              + " (are they created?): "
              + e.getCause().getMessage(),
          e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException(
          "Kafka at " + bootstrapServers + " did not answer within " + timeout, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
