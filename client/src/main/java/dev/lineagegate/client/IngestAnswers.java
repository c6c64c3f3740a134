package dev.lineagegate.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lineagegate.schema.json.FieldError;
import java.util.ArrayList;
import java.util.List;

/** Reads ingest's answers: the receipts of a 202, the RFC 9457 problem of an error. */
final class IngestAnswers {

  private static final int MAX_TEXT = 500;

  private final ObjectMapper mapper;

  IngestAnswers(final ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /**
   * The receipts of an accepted request, checked against the events sent: one per event, in order,
   * with the same eventId. Anything else is an answer this client cannot trust.
   */
  List<Receipt> receipts(final String body, final List<String> eventIds) {
    final JsonNode events = json(body).path("events");
    if (!events.isArray() || events.size() != eventIds.size()) {
      throw unexpected("expected " + eventIds.size() + " receipt(s)", body);
    }
    final List<Receipt> receipts = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      final JsonNode event = events.get(i);
      if (!eventIds.get(i).equals(event.path("eventId").asText(null))
          || !event.path("topic").isTextual()
          || !event.path("partition").isInt()
          || !event.path("offset").isIntegralNumber()) {
        throw unexpected("receipt " + i + " does not match event " + eventIds.get(i), body);
      }
      receipts.add(
          new Receipt(
              eventIds.get(i),
              event.get("topic").asText(),
              event.get("partition").asInt(),
              event.get("offset").asLong()));
    }
    return receipts;
  }

  /**
   * The 201 of an OpenLineage event: its receipts as given (ingest chose their eventIds) and its
   * {@code warnings}, if any.
   */
  OpenLineageAnswer openLineage(final String body) {
    final JsonNode answer = json(body);
    final JsonNode events = answer.path("events");
    if (!events.isArray() || events.isEmpty()) {
      throw unexpected("expected receipts", body);
    }
    final List<Receipt> receipts = new ArrayList<>();
    for (final JsonNode event : events) {
      receipts.add(
          new Receipt(
              event.path("eventId").asText(""),
              event.path("topic").asText(""),
              event.path("partition").asInt(),
              event.path("offset").asLong()));
    }
    return new OpenLineageAnswer(receipts, fieldErrors(answer.path("warnings")));
  }

  /** A 4xx answer: the problem's detail and invalid fields, or the body's text if not a problem. */
  EventRejectedException rejected(final int status, final String body) {
    final JsonNode problem = json(body);
    return new EventRejectedException(
        status, describe(status, body), fieldErrors(problem.path("errors")));
  }

  private static List<FieldError> fieldErrors(final JsonNode items) {
    final List<FieldError> errors = new ArrayList<>();
    for (final JsonNode error : items) {
      errors.add(
          new FieldError(error.path("pointer").asText(""), error.path("detail").asText("invalid")));
    }
    return errors;
  }

  /** One line about an answer, for error messages: the problem's detail or title, else the text. */
  String describe(final int status, final String body) {
    final JsonNode problem = json(body);
    final String detail = problem.path("detail").asText(problem.path("title").asText(""));
    if (!detail.isBlank()) {
      return detail;
    }
    final String text = problem.isMissingNode() && body != null ? body.strip() : "";
    if (text.isEmpty()) {
      return "HTTP " + status;
    }
    return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT) + "…";
  }

  private JsonNode json(final String body) {
    if (body == null || body.isBlank()) {
      return mapper.missingNode();
    }
    try {
      return mapper.readTree(body);
    } catch (JsonProcessingException e) {
      // A proxy or a crash page answering text/html: keep the text for the message instead.
      return mapper.missingNode();
    }
  }

  private static IngestException unexpected(final String why, final String body) {
    final String shown = body.length() <= MAX_TEXT ? body : body.substring(0, MAX_TEXT) + "…";
    return new IngestException("unexpected answer from ingest: " + why + ", got " + shown);
  }
}
