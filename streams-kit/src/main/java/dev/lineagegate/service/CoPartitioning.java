package dev.lineagegate.service;

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
 * Two topics a Streams service reads into the same tasks must have as many partitions: Streams does
 * not check it for topics that are not joined, and a difference sends keys to the wrong task.
 * Checked once at start, before Streams starts.
 */
public final class CoPartitioning {

  private CoPartitioning() {}

  /**
   * The partition count of {@code first} and {@code second} when they agree.
   *
   * @throws IllegalStateException naming both counts and {@code why} they must agree, or when the
   *     topics cannot be described in time
   */
  public static int partitions(
      final String bootstrapServers,
      final Duration timeout,
      final String first,
      final String second,
      final String why) {
    try (Admin admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                (int) timeout.toMillis(),
                // the client refuses an API timeout below the request timeout (30 s by default)
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                (int) timeout.toMillis()))) {
      final Map<String, TopicDescription> topics =
          admin
              .describeTopics(List.of(first, second))
              .allTopicNames()
              .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      final int a = topics.get(first).partitions().size();
      final int b = topics.get(second).partitions().size();
      if (a != b) {
        throw new IllegalStateException(
            first + " has " + a + " partitions and " + second + " " + b + ": " + why);
      }
      return a;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
        throw new IllegalStateException(
            "Kafka at " + bootstrapServers + " did not answer within " + timeout, e.getCause());
      }
      throw new IllegalStateException(
          "cannot describe "
              + first
              + " and "
              + second
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
