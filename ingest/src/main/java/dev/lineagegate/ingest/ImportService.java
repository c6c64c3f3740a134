package dev.lineagegate.ingest;

import dev.lineagegate.genai.ImageImport;
import dev.lineagegate.genai.event.FileDigests;
import dev.lineagegate.genai.event.ImportRequest;
import dev.lineagegate.ingest.publish.Receipt;
import java.time.Clock;
import java.util.List;

/**
 * Images imported over HTTP (DESIGN.md §6.6, {@code POST /v1/imports}): the image's metadata read
 * into events ({@link ImageImport}) and published as one request. Ingest has no models folder: the
 * files an image names are inputs without digests (PARTIAL), unless its metadata records their
 * SHA-256; a client that has the files hashes them first ({@code lineage-gate import}).
 */
public final class ImportService {

  private final IngestService events;
  private final Clock clock;

  public ImportService(final IngestService events, final Clock clock) {
    this.events = events;
    this.clock = clock;
  }

  /** What one import gave: the mapping, and the receipts of its events. */
  public record Imported(ImageImport.Result result, List<Receipt> receipts) {}

  /**
   * @param name the image's file name, or null (then its digest names it)
   * @throws dev.lineagegate.genai.ImportRefusedException when the bytes are no image, corrupt, or
   *     their metadata cannot be read; nothing is published
   */
  public Imported importImage(
      final byte[] bytes, final String name, final String pipeline, final String owner) {
    final ImageImport.Result result =
        ImageImport.read(
            bytes,
            new ImportRequest(name, pipeline, owner, null, clock.instant()),
            FileDigests.NONE);
    return new Imported(result, events.publishAll(result.events()));
  }
}
