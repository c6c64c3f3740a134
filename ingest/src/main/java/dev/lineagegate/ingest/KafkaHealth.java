package dev.lineagegate.ingest;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/**
 * Whether the broker answers, asked at most once per {@link #CACHE} so that frequent health probes
 * cost the broker nothing, and bounded so that a probe never hangs.
 */
public final class KafkaHealth implements AutoCloseable {

  static final Duration CACHE = Duration.ofSeconds(2);
  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  private final Admin admin;
  private long checkedAt;
  private boolean up;

  public KafkaHealth(final String bootstrapServers) {
    this.admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis()));
    this.checkedAt = System.nanoTime() - CACHE.toNanos() - 1;
  }

  public synchronized boolean up() {
    if (System.nanoTime() - checkedAt > CACHE.toNanos()) {
      up = ask();
      checkedAt = System.nanoTime();
    }
    return up;
  }

  private boolean ask() {
    try {
      admin
          .describeCluster(new DescribeClusterOptions().timeoutMs((int) TIMEOUT.toMillis()))
          .clusterId()
          .get(TIMEOUT.toMillis() + 500, TimeUnit.MILLISECONDS);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (Exception e) {
      return false;
    }
  }

  @Override
  public void close() {
    admin.close(Duration.ofSeconds(2));
  }
}
