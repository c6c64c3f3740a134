package dev.lineagegate.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lineagegate.avro.ExecutionEvent;
import dev.lineagegate.ingest.publish.EventPublisher;
import dev.lineagegate.ingest.publish.Receipt;
import dev.lineagegate.schema.contract.EventContract;
import dev.lineagegate.schema.json.ExecutionEventJson;
import dev.lineagegate.schema.json.FieldError;
import dev.lineagegate.schema.json.InvalidEventException;
import dev.lineagegate.schema.json.JsonDocuments;
import dev.lineagegate.schema.json.StreamingEventReader;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Native ingest (DESIGN.md §6.1): map one event or an array, check the §3.1 contract, publish.
 * Every event of a request is checked before anything is published, so that a request is refused or
 * accepted whole.
 */
public final class IngestService {

  /** More events than this in one request is refused: each is one record of one transaction. */
  public static final int MAX_BATCH = 10_000;

  private final ExecutionEventJson json;
  private final EventPublisher publisher;
  private final Clock clock;

  public IngestService(
      final ExecutionEventJson json, final EventPublisher publisher, final Clock clock) {
    this.json = json;
    this.publisher = publisher;
    this.clock = clock;
  }

  /**
   * Validates and publishes the events of one request body.
   *
   * @throws InvalidEventException listing every invalid field of every event
   */
  public List<Receipt> ingest(final JsonNode body) {
    return publish(parse(body), body.isArray());
  }

  /**
   * Validates and publishes the events of one raw request body: refused unless UTF-8 (never
   * repaired), then mapped from the token stream when the body is valid (the common case), else
   * from {@code tree}'s parse, which names every error (a repeated key among them).
   *
   * @throws InvalidEventException listing every invalid field of every event
   */
  public List<Receipt> ingest(final byte[] body, final Function<byte[], JsonNode> tree) {
    JsonDocuments.requireUtf8(body);
    final StreamingEventReader.Events events = json.readStreaming(body, MAX_BATCH);
    if (events == null) {
      return ingest(tree.apply(body));
    }
    return publish(events.events(), events.array());
  }

  /**
   * Publishes events mapped elsewhere (an image's import) as one request: all checked, then written
   * together, or none.
   */
  public List<Receipt> publishAll(final List<ExecutionEvent> events) {
    return publish(events, events.size() > 1);
  }

  /** Publishes one event mapped elsewhere (OpenLineage), after the same contract check. */
  public Receipt publish(final ExecutionEvent event) {
    return publish(List.of(event), false).get(0);
  }

  private List<Receipt> publish(final List<ExecutionEvent> events, final boolean array) {
    final List<FieldError> errors = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      errors.addAll(EventContract.violations(events.get(i), array ? "/" + i : "", clock.instant()));
    }
    if (!errors.isEmpty()) {
      throw new InvalidEventException(errors);
    }
    return publisher.publish(events);
  }

  private List<ExecutionEvent> parse(final JsonNode body) {
    if (!body.isArray()) {
      return List.of(json.read(body));
    }
    if (body.isEmpty()) {
      throw new InvalidEventException(List.of(new FieldError("", "the array holds no event")));
    }
    if (body.size() > MAX_BATCH) {
      throw new InvalidEventException(
          List.of(new FieldError("", "more than " + MAX_BATCH + " events in one request")));
    }
    final List<ExecutionEvent> events = new ArrayList<>(body.size());
    final List<FieldError> errors = new ArrayList<>();
    for (int i = 0; i < body.size(); i++) {
      try {
        events.add(json.read(body.get(i), "/" + i));
      } catch (InvalidEventException e) {
        errors.addAll(e.errors());
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidEventException(errors);
    }
    return events;
  }
}
