package dev.lineagegate.ingest.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lineagegate.ingest.openlineage.Warning;
import dev.lineagegate.ingest.publish.Receipt;
import dev.lineagegate.schema.json.FieldError;
import dev.lineagegate.schema.json.InvalidEventException;
import dev.lineagegate.schema.json.JsonDocuments;
import dev.lineagegate.service.http.HttpEdge;
import dev.lineagegate.service.http.ProblemException;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;

/** Reading JSON requests and writing JSON answers, the same way on every route. */
final class JsonBodies {

  static final String JSON = HttpEdge.JSON;

  private final ObjectMapper mapper;
  private final IngestProblems problems;
  private final int maxBodyBytes;

  JsonBodies(final ObjectMapper mapper, final IngestProblems problems, final int maxBodyBytes) {
    this.mapper = mapper;
    this.problems = problems;
    this.maxBodyBytes = maxBodyBytes;
  }

  /** The body's bytes: 415 unless JSON, 413 over the limit. */
  byte[] bytes(final Context ctx) {
    final String type = ctx.contentType();
    if (type == null || !isJson(type)) {
      throw new ProblemException(IngestProblems.unsupportedMediaType(JSON, type));
    }
    if (ctx.contentLength() > maxBodyBytes) {
      throw new ProblemException(problems.tooLarge());
    }
    try (InputStream in = ctx.bodyInputStream()) {
      final byte[] bytes = in.readNBytes(maxBodyBytes + 1);
      if (bytes.length > maxBodyBytes) {
        throw new ProblemException(problems.tooLarge());
      }
      return bytes;
    } catch (IOException e) {
      // In words: Jetty's exception (EofException ...) would name our server's classes.
      throw new InvalidEventException(List.of(new FieldError("", JsonDocuments.UNREADABLE)));
    }
  }

  /** {@code bytes} as the tree of native events: 400 unless it parses, or if a key repeats. */
  JsonNode tree(final byte[] bytes) {
    return JsonDocuments.readTree(mapper, bytes, JsonDocuments.Keys.UNIQUE);
  }

  /** The receipt body, written token by token: a tree of 100 receipts showed in the profile. */
  void accepted(final Context ctx, final int status, final List<Receipt> receipts) {
    accepted(ctx, status, receipts, null);
  }

  /**
   * The receipt body with {@code "warnings": [{"pointer", "detail"}]} after the receipts (every
   * OpenLineage answer has it, empty when nothing was flagged), listed as {@link Warning#listed}.
   */
  void accepted(
      final Context ctx,
      final int status,
      final List<Receipt> receipts,
      final List<Warning> warnings) {
    final ByteArrayOutputStream out = new ByteArrayOutputStream(64 + receipts.size() * 112);
    try (JsonGenerator json = mapper.getFactory().createGenerator(out)) {
      json.writeStartObject();
      json.writeNumberField("accepted", receipts.size());
      json.writeArrayFieldStart("events");
      for (final Receipt receipt : receipts) {
        json.writeStartObject();
        json.writeStringField("eventId", receipt.eventId());
        json.writeStringField("topic", receipt.topic());
        json.writeNumberField("partition", receipt.partition());
        json.writeNumberField("offset", receipt.offset());
        json.writeEndObject();
      }
      json.writeEndArray();
      if (warnings != null) {
        json.writeArrayFieldStart("warnings");
        for (final Warning warning : Warning.listed(warnings)) {
          json.writeStartObject();
          json.writeStringField("pointer", warning.pointer());
          json.writeStringField("detail", warning.detail());
          json.writeEndObject();
        }
        json.writeEndArray();
      }
      json.writeEndObject();
    } catch (IOException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
    ctx.status(status).contentType(JSON).result(out.toByteArray());
  }

  private static boolean isJson(final String contentType) {
    final String mime = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    return mime.equals(JSON) || mime.endsWith("+json");
  }
}
