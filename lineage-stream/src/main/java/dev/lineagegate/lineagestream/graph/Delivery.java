package dev.lineagegate.lineagestream.graph;

import dev.lineagegate.avro.graph.GraphMessage;
import dev.lineagegate.lineagestream.TopologyNames;
import dev.lineagegate.lineagestream.graph.Mailbox.Mail;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * How messages between graph nodes travel (DESIGN.md §9): a message to a node this task owns is
 * delivered here, in the same transaction, through the {@link Mailbox}, until nothing is left (a
 * fixpoint); a message to a node another task owns waits until the end of the record and leaves
 * with the others for that partition in one record of {@code lineage.graph.v1}. At most {@code
 * budget} messages are handled per record: the rest are parked in the {@link WorkQueue} and handled
 * by the next records and a punctuator, so that no cascade holds a transaction open for long.
 */
final class Delivery {

  /** Largest estimated size of one record of remote messages, well below the broker's 1 MB. */
  static final long MAX_BATCH_BYTES = 256 * 1024;

  private final ProcessorContext<String, SpecificRecord> context;
  private final int partition;
  private final int partitions;
  private final int budget;
  private final Mailbox mailbox = new Mailbox();
  private final WorkQueue parked;
  private final Map<Integer, List<Mail>> remote = new TreeMap<>();
  private long timestamp;

  Delivery(
      final ProcessorContext<String, SpecificRecord> context,
      final int partitions,
      final int budget,
      final WorkQueue parked) {
    this.context = context;
    this.partition = context.taskId().partition();
    this.partitions = partitions;
    this.budget = budget;
    this.parked = parked;
  }

  /** A message for the node at {@code address}, from a handler or a run of this task. */
  void send(final String address, final Object body) {
    if (Partitions.of(address, partitions) == partition) {
      mailbox.put(address, body);
    } else {
      remote
          .computeIfAbsent(Partitions.of(address, partitions), p -> new ArrayList<>())
          .add(new Mail(address, body));
    }
  }

  /**
   * The messages of one record (the first's address is the key when it has none): from {@code
   * lineage.graph.v1} ({@code routed}), they are this task's by construction (one record carries
   * messages for one partition, and the producer's partitioner put it there) and go straight to the
   * mailbox, so that a record always ends here, even where the partition count seen by the routing
   * is not the topic's (the test driver runs one task for every partition); from this task's runs,
   * each goes where its node lives.
   */
  void receive(final String key, final GraphMessage message, final long at, final boolean routed) {
    timestamp = at;
    final String first = message.getAddress() != null ? message.getAddress() : key;
    if (routed) {
      mailbox.put(first, message.getBody());
      message.getMore().forEach(more -> mailbox.put(more.getAddress(), more.getBody()));
    } else {
      send(first, message.getBody());
      message.getMore().forEach(more -> send(more.getAddress(), more.getBody()));
    }
  }

  void at(final long at) {
    timestamp = at;
  }

  /**
   * Handles what waits, in order: parked messages first when there are (new ones join them at the
   * end), then what the handling sends, until nothing is left or the budget is spent; then sends
   * the remote messages.
   */
  void drain(final Consumer<Mail> handler) {
    if (!parked.isEmpty()) {
      while (!mailbox.isEmpty()) {
        parked.park(mailbox.take());
      }
      parked.take(budget).forEach(mail -> mailbox.put(mail.address(), mail.body()));
    }
    int handled = 0;
    while (!mailbox.isEmpty() && handled < budget) {
      handler.accept(mailbox.take());
      handled++;
    }
    while (!mailbox.isEmpty()) {
      parked.park(mailbox.take());
    }
    flushRemote();
  }

  boolean idle() {
    return parked.isEmpty() && mailbox.isEmpty();
  }

  private void flushRemote() {
    for (final Map.Entry<Integer, List<Mail>> entry : remote.entrySet()) {
      List<GraphMessage> batch = new ArrayList<>();
      long bytes = 0;
      for (final Mail mail : entry.getValue()) {
        final long size = Sizes.estimate(mail.body());
        if (!batch.isEmpty() && bytes + size > MAX_BATCH_BYTES) {
          forward(batch);
          batch = new ArrayList<>();
          bytes = 0;
        }
        batch.add(new GraphMessage(mail.body(), mail.address(), List.of()));
        bytes += size;
      }
      forward(batch);
    }
    remote.clear();
  }

  private void forward(final List<GraphMessage> batch) {
    final GraphMessage first = batch.get(0);
    final GraphMessage record =
        new GraphMessage(first.getBody(), null, List.copyOf(batch.subList(1, batch.size())));
    context.forward(
        new Record<String, SpecificRecord>(first.getAddress(), record, timestamp),
        TopologyNames.NODES_TO_GRAPH);
  }
}
