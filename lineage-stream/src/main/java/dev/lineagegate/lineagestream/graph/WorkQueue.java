package dev.lineagegate.lineagestream.graph;

import dev.lineagegate.avro.graph.GraphMessage;
import dev.lineagegate.lineagestream.graph.Mailbox.Mail;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The messages a record's cascade left when its budget ran out (store {@code graph-work-queue},
 * changelogged, in the same transaction as everything else the record wrote): drained by later
 * records and a punctuator, first in first out, so that a 10,000-descendant change or a cycle in
 * bad input never holds a transaction open for long. Keys are zero-padded sequence numbers.
 */
final class WorkQueue {

  private final KeyValueStore<String, GraphMessage> store;
  private long head;
  private long tail;

  WorkQueue(final KeyValueStore<String, GraphMessage> store) {
    this.store = store;
    try (KeyValueIterator<String, GraphMessage> it = store.all()) {
      boolean first = true;
      while (it.hasNext()) {
        final long at = Long.parseLong(it.next().key);
        if (first) {
          head = at;
          first = false;
        }
        tail = at + 1;
      }
    }
  }

  boolean isEmpty() {
    return head == tail;
  }

  long size() {
    return tail - head;
  }

  void park(final Mail mail) {
    store.put(key(tail++), new GraphMessage(mail.body(), mail.address(), List.of()));
  }

  /** Up to {@code count} of the oldest parked messages, removed from the queue. */
  List<Mail> take(final int count) {
    final List<Mail> taken = new ArrayList<>();
    try (KeyValueIterator<String, GraphMessage> it = store.range(key(head), key(tail))) {
      while (it.hasNext() && taken.size() < count) {
        final KeyValue<String, GraphMessage> next = it.next();
        taken.add(new Mail(next.value.getAddress(), next.value.getBody()));
      }
    }
    for (int i = 0; i < taken.size(); i++) {
      store.delete(key(head++));
    }
    return taken;
  }

  private static String key(final long sequence) {
    return String.format("%019d", sequence);
  }
}
