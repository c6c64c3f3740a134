package dev.lineagegate.client.imports;

import dev.lineagegate.avro.ExecutionEvent;
import dev.lineagegate.client.EventRejectedException;
import dev.lineagegate.genai.FileRef;
import dev.lineagegate.genai.ImageImport;
import dev.lineagegate.genai.ImportRefusedException;
import dev.lineagegate.genai.ReadLimits;
import dev.lineagegate.genai.event.FileDigests;
import dev.lineagegate.genai.event.ImportRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Imports one image: reads it, maps its metadata ({@link ImageImport}), sends its events in order
 * (file versions first, the image's run last) and says what happened. A refusal (not an image,
 * corrupt, unreadable metadata, rejected by ingest) names the file and the reason, and nothing more
 * is sent for it; ingest unreachable ({@code IngestUnavailableException}, thrown on) stops the
 * import.
 */
public final class Importer {

  /** What importing one file gave. */
  public sealed interface Outcome permits Imported, Refused {}

  /**
   * Sent: the mapping, the events sent (file versions already registered by this import are not
   * sent again), and where the files it names were looked for when not found.
   */
  public record Imported(
      ImageFiles.Source source, ImageImport.Result result, int sent, List<String> missing)
      implements Outcome {}

  /**
   * Nothing (more) sent for the file, and why; {@code damaged} when the file could still be being
   * written (a truncated or otherwise corrupt container).
   */
  public record Refused(ImageFiles.Source source, String reason, boolean damaged)
      implements Outcome {
    Refused(final ImageFiles.Source source, final String reason) {
      this(source, reason, false);
    }
  }

  private final Consumer<List<ExecutionEvent>> sender;
  private final Set<String> registered = new HashSet<>();
  private final FileDigests digests;
  private final ModelFolders folders;
  private final String pipeline;
  private final String owner;
  private final Clock clock;

  /**
   * @param sender sends an image's events together, in order, with the client's retries
   * @param folders where model and input files are looked for, or null for nowhere
   */
  public Importer(
      final Consumer<List<ExecutionEvent>> sender,
      final ModelFolders folders,
      final String pipeline,
      final String owner,
      final Clock clock) {
    this.sender = sender;
    this.folders = folders;
    this.digests = folders == null ? FileDigests.NONE : folders;
    this.pipeline = pipeline;
    this.owner = owner;
    this.clock = clock;
  }

  public Outcome importFile(final ImageFiles.Source source) {
    final ImageImport.Result result;
    try {
      final long size = Files.size(source.path());
      if (size > ReadLimits.IMAGE_BYTES) {
        return new Refused(
            source, String.format("%,d bytes, more than an image is read for", size));
      }
      final byte[] bytes = Files.readAllBytes(source.path());
      final Instant modified = Files.getLastModifiedTime(source.path()).toInstant();
      result =
          ImageImport.read(
              bytes,
              new ImportRequest(source.name(), pipeline, owner, modified, clock.instant()),
              digests);
    } catch (ImportRefusedException e) {
      return new Refused(source, e.getMessage(), e.kind() == ImportRefusedException.Kind.CORRUPT);
    } catch (IOException | UncheckedIOException e) {
      return new Refused(source, "cannot read: " + e.getMessage());
    }
    final List<ExecutionEvent> events;
    try {
      // A file version is registered once per import: every image that read it would send the
      // same event again (the same eventId, dropped downstream, but a request all the same).
      events =
          result.events().stream()
              .filter(e -> e == result.imageEvent() || !registered.contains(e.getEventId()))
              .toList();
      sender.accept(events);
      events.forEach(e -> registered.add(e.getEventId()));
    } catch (EventRejectedException e) {
      return new Refused(
          source, "rejected by ingest (HTTP " + e.status() + "): " + e.detail() + " " + e.errors());
    }
    return new Imported(
        source, result, events.size(), result.notFound().stream().map(this::missing).toList());
  }

  private String missing(final FileRef file) {
    final String where =
        file.hosted()
            ? "a hosted model, not on disk"
            : folders == null
                ? "no --models-dir/--input-dir given"
                : "not under " + folders.lookedIn(file);
    return file.name() + " (" + file.usedBy() + "): " + where;
  }
}
