package dev.lineagegate.ingest.publish;

import dev.lineagegate.avro.ExecutionEvent;
import dev.lineagegate.ingest.IngestConfig;
import dev.lineagegate.schema.Topics;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Group commit for batch requests: batches waiting at the same moment share one Kafka transaction,
 * so a transaction's fixed cost (coordinator round trips, commit markers on every partition) is
 * paid once per group instead of once per request. Each request stays all or nothing: the group
 * commits or aborts as a whole, and every request in it is told the outcome.
 *
 * <p>A request that waited too long is withdrawn before any writer takes it, so a 503 always means
 * "not written": a request is either claimed by a writer (and then answered with the writer's
 * outcome, itself bounded by the produce timeout) or cancelled by its caller, never both.
 */
final class GroupCommitter implements AutoCloseable {

  /** Largest group: a few MB per transaction keeps commits short and memory bounded. */
  static final int MAX_GROUP_EVENTS = 5_000;

  private final IngestConfig config;
  private final Function<ExecutionEvent, byte[]> encoder;
  private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final List<GroupWriter> writers = new ArrayList<>();
  private final DistributionSummary groupSizes;

  GroupCommitter(
      final IngestConfig config,
      final Serializer<String> keys,
      final Serializer<ExecutionEvent> values,
      final MeterRegistry meters) {
    this(config, meters, event -> values.serialize(Topics.EVENTS.name(), event));
    for (int i = 0; i < config.batchProducers(); i++) {
      writers.add(new GroupWriter(this, config, i, keys, meters).start());
    }
  }

  /** The queue alone, without writers: tests play the writer through {@link #nextGroup}. */
  GroupCommitter(final IngestConfig config, final MeterRegistry meters) {
    this(config, meters, event -> new byte[0]);
  }

  private GroupCommitter(
      final IngestConfig config,
      final MeterRegistry meters,
      final Function<ExecutionEvent, byte[]> encoder) {
    this.config = config;
    this.encoder = encoder;
    this.groupSizes =
        DistributionSummary.builder("ingest.batch.group.requests")
            .description("batch requests committed per transaction")
            .register(meters);
  }

  /** One batch request, waiting for a writer. */
  static final class Pending {

    final List<ExecutionEvent> events;

    /** The events' Avro values, in order. */
    final List<byte[]> values;

    final CompletableFuture<List<Receipt>> outcome = new CompletableFuture<>();
    private final AtomicBoolean taken = new AtomicBoolean();

    Pending(final List<ExecutionEvent> events, final List<byte[]> values) {
      this.events = events;
      this.values = values;
    }

    /** Claimed by a writer, or withdrawn by its caller: whoever comes first. */
    boolean take() {
      return taken.compareAndSet(false, true);
    }
  }

  List<Receipt> publish(final List<ExecutionEvent> events) {
    final Pending pending = new Pending(events, encode(events));
    queue.add(pending);
    final long waitMs = config.produceTimeout().toMillis();
    try {
      return pending.outcome.get(waitMs, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      if (pending.take()) {
        throw EventPublisher.unavailable(new TimeoutException("no batch writer free in time"));
      }
      return awaitClaimed(pending); // a writer has it: its outcome comes within its own bounds
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      if (pending.take()) {
        throw EventPublisher.unavailable(e);
      }
      return awaitClaimed(pending);
    } catch (ExecutionException e) {
      throw (RuntimeException) e.getCause();
    }
  }

  /**
   * Encodes on the caller's (request) thread, in parallel with the other requests, not on the
   * writer: the writer's work per group is serial, and encoding was most of it.
   */
  private List<byte[]> encode(final List<ExecutionEvent> events) {
    final List<byte[]> values = new ArrayList<>(events.size());
    try {
      for (final ExecutionEvent event : events) {
        values.add(encoder.apply(event));
      }
    } catch (RuntimeException e) {
      throw EventPublisher.translate(e);
    }
    return values;
  }

  private List<Receipt> awaitClaimed(final Pending pending) {
    try {
      return pending.outcome.get(config.produceTimeout().toMillis() * 2, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw EventPublisher.unavailable(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw EventPublisher.unavailable(e);
    } catch (ExecutionException e) {
      throw (RuntimeException) e.getCause();
    }
  }

  /** The next group for a writer: waits for one request, then takes whatever else is queued. */
  List<Pending> nextGroup(final long waitMs) throws InterruptedException {
    final Pending first = queue.poll(waitMs, TimeUnit.MILLISECONDS);
    final List<Pending> group = new ArrayList<>();
    int events = 0;
    for (Pending next = first; next != null; next = queue.poll()) {
      if (next.take()) {
        group.add(next);
        events += next.events.size();
        if (events >= MAX_GROUP_EVENTS) {
          break;
        }
      }
    }
    if (!group.isEmpty()) {
      groupSizes.record(group.size());
    }
    return group;
  }

  /** Requests waiting for a writer (tests). */
  int queued() {
    return queue.size();
  }

  @Override
  public void close() {
    writers.forEach(GroupWriter::close);
  }
}
