package dev.lineagegate.ingest.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lineagegate.genai.FileRef;
import dev.lineagegate.genai.ImageFormat;
import dev.lineagegate.genai.ImageImport;
import dev.lineagegate.ingest.ImportService;
import dev.lineagegate.ingest.publish.Receipt;
import dev.lineagegate.service.http.ProblemException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * {@code POST /v1/imports} (DESIGN.md §6.6): an image's bytes, {@code Content-Type} image/png,
 * image/webp or image/jpeg, optional {@code ?name=&pipeline=&owner=}. 202 with the image's digest,
 * its format and tool, the grade to expect with its gaps, the files it names that have no digest,
 * and the receipt of each event; 400 when refused (not that format, corrupt, unreadable metadata),
 * 413 over {@code ingest.max-image-bytes}, 415 for another media type. The path a ComfyUI custom
 * node or any script can call.
 */
public final class ImportResource {

  private final ImportService imports;
  private final ObjectMapper mapper;
  private final int maxImageBytes;

  ImportResource(final ImportService imports, final ObjectMapper mapper, final int maxImageBytes) {
    this.imports = imports;
    this.mapper = mapper;
    this.maxImageBytes = maxImageBytes;
  }

  void routes(final Javalin app) {
    app.post("/v1/imports", this::importImage);
  }

  private void importImage(final Context ctx) {
    final Optional<ImageFormat> declared = ImageFormat.ofMediaType(ctx.contentType());
    if (declared.isEmpty()) {
      throw new ProblemException(
          IngestProblems.unsupportedMediaType(
              "image/png, image/webp or image/jpeg", ctx.contentType()));
    }
    final byte[] bytes = body(ctx);
    final Optional<ImageFormat> actual = ImageFormat.detect(bytes);
    if (actual.isPresent() && actual.get() != declared.get()) {
      throw new ProblemException(
          IngestProblems.importRefused(
              "the body was sent as " + declared.get().mediaType() + " but is a " + actual.get()));
    }
    final ImportService.Imported imported =
        imports.importImage(
            bytes, ctx.queryParam("name"), ctx.queryParam("pipeline"), ctx.queryParam("owner"));
    ctx.status(202).contentType(JsonBodies.JSON).result(answer(imported).toString());
  }

  private byte[] body(final Context ctx) {
    if (ctx.contentLength() > maxImageBytes) {
      throw new ProblemException(IngestProblems.imageTooLarge(maxImageBytes));
    }
    try (InputStream in = ctx.bodyInputStream()) {
      final byte[] bytes = in.readNBytes(maxImageBytes + 1);
      if (bytes.length > maxImageBytes) {
        throw new ProblemException(IngestProblems.imageTooLarge(maxImageBytes));
      }
      return bytes;
    } catch (IOException e) {
      throw new ProblemException(IngestProblems.unreadableBody());
    }
  }

  private ObjectNode answer(final ImportService.Imported imported) {
    final ImageImport.Result result = imported.result();
    final ObjectNode json = mapper.createObjectNode();
    json.put("image", result.image().value());
    json.put("name", result.outputName());
    json.put("format", result.format().name());
    json.put("generator", result.generation().generator().label());
    json.put("step", result.generation().step());
    final ObjectNode expected = json.putObject("expected");
    expected.put("grade", result.expected().getGrade().name());
    final ArrayNode gaps = expected.putArray("gaps");
    result.expected().getGaps().forEach(gaps::add);
    final ArrayNode undigested = json.putArray("inputsWithoutDigest");
    for (final FileRef file : result.notFound()) {
      undigested.addObject().put("name", file.name()).put("usedBy", file.usedBy());
    }
    json.put("accepted", imported.receipts().size());
    final ArrayNode events = json.putArray("events");
    for (final Receipt receipt : imported.receipts()) {
      events
          .addObject()
          .put("eventId", receipt.eventId())
          .put("topic", receipt.topic())
          .put("partition", receipt.partition())
          .put("offset", receipt.offset());
    }
    return json;
  }
}
