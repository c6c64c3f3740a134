package dev.lineagegate.client.cli;

import dev.lineagegate.avro.ExecutionEvent;
import dev.lineagegate.client.Receipt;
import java.util.List;

/** Where the CLI sends its event: {@code IngestClient::send}, or a test's capture. */
@FunctionalInterface
public interface EventSender {

  Receipt send(ExecutionEvent event);

  /**
   * Sends events that belong together (an imported image's file versions and its run) in order; an
   * {@code IngestClient} sends them as one request, all accepted or none.
   */
  default List<Receipt> sendAll(final List<ExecutionEvent> events) {
    return events.stream().map(this::send).toList();
  }
}
