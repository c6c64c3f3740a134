package dev.lineagegate.ingest.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lineagegate.avro.ExecutionEvent;
import dev.lineagegate.config.Settings;
import dev.lineagegate.ingest.IngestConfig;
import dev.lineagegate.testkit.TestEvents;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Group commit's queue, with the test playing the writer: no Kafka needed to pin its rules. */
class GroupCommitterTest {

  private static final Duration TIMEOUT = Duration.ofMillis(500);
  private final GroupCommitter queue =
      new GroupCommitter(
          IngestConfig.from(Settings.merge(IngestConfig.DEFAULTS, null, new Properties(), Map.of()))
              .toBuilder()
              .limits(1 << 20, TIMEOUT)
              .build(),
          new SimpleMeterRegistry());

  @Test
  void shouldGroupEveryWaitingRequestWhenAWriterAsks() throws Exception {
    // Given three batch requests waiting
    final List<CompletableFuture<List<Receipt>>> callers =
        List.of(publishQueued(2, 1), publishQueued(3, 2), publishQueued(1, 3));
    // When a writer asks for a group
    final List<GroupCommitter.Pending> group = queue.nextGroup(1000);
    // Then it gets all three, in order, and each caller gets its own outcome
    assertThat(group).extracting(p -> p.events.size()).containsExactly(2, 3, 1);
    for (final GroupCommitter.Pending pending : group) {
      pending.outcome.complete(receipts(pending));
    }
    assertThat(callers.get(1).get(5, TimeUnit.SECONDS)).hasSize(3);
    assertThat(queue.nextGroup(10)).isEmpty();
  }

  @Test
  void shouldStopTheGroupWhenItReachesTheEventCap() throws Exception {
    publishQueued(GroupCommitter.MAX_GROUP_EVENTS - 1, 1);
    publishQueued(2, 2);
    publishQueued(1, 3);
    assertThat(queue.nextGroup(1000))
        .extracting(p -> p.events.size())
        .containsExactly(GroupCommitter.MAX_GROUP_EVENTS - 1, 2);
    assertThat(queue.nextGroup(1000)).extracting(p -> p.events.size()).containsExactly(1);
  }

  @Test
  void shouldNeverHandAWithdrawnRequestToAWriterWhenItTimedOutWaiting() throws Exception {
    // Given a request that no writer takes within the produce timeout
    final CompletableFuture<List<Receipt>> caller = publish(2);
    // Then its caller is told 503 ...
    assertThatThrownBy(() -> caller.get(5, TimeUnit.SECONDS))
        .hasCauseInstanceOf(BrokerUnavailableException.class);
    // ... and no writer will ever write it
    assertThat(queue.nextGroup(10)).isEmpty();
  }

  @Test
  void shouldWaitForTheWriterWhenItClaimedTheRequestBeforeTheTimeout() throws Exception {
    // Given a writer that takes the request, then takes longer than the timeout to commit
    final CompletableFuture<List<Receipt>> caller = publish(2);
    awaitQueued(1);
    final GroupCommitter.Pending claimed = queue.nextGroup(1000).get(0);
    Thread.sleep(TIMEOUT.toMillis() + 200);
    // When it commits
    claimed.outcome.complete(receipts(claimed));
    // Then the caller gets the receipts, not a 503 for something that was written
    assertThat(caller.get(5, TimeUnit.SECONDS)).hasSize(2);
  }

  private CompletableFuture<List<Receipt>> publish(final int events) {
    final List<ExecutionEvent> batch = Collections.nCopies(events, TestEvents.minimalStart());
    return CompletableFuture.supplyAsync(() -> queue.publish(batch));
  }

  /** Publishes from another thread and waits until it is queued, so that order is fixed. */
  private CompletableFuture<List<Receipt>> publishQueued(final int events, final int queued)
      throws InterruptedException {
    final CompletableFuture<List<Receipt>> caller = publish(events);
    awaitQueued(queued);
    return caller;
  }

  private void awaitQueued(final int count) throws InterruptedException {
    final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (queue.queued() < count && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(queue.queued()).isEqualTo(count);
  }

  private static List<Receipt> receipts(final GroupCommitter.Pending pending) {
    return pending.events.stream()
        .map(e -> new Receipt(e.getEventId(), "lineage.events.v1", 0, 0))
        .toList();
  }
}
