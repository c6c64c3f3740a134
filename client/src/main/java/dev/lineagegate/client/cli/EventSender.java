package dev.lineagegate.client.cli;

import dev.lineagegate.avro.ExecutionEvent;
import dev.lineagegate.client.Receipt;

/** Where the CLI sends its event: {@code IngestClient::send}, or a test's capture. */
@FunctionalInterface
public interface EventSender {

  Receipt send(ExecutionEvent event);
}
