package dev.lineagegate.genai.event;

import dev.lineagegate.avro.CodeInfo;
import dev.lineagegate.avro.ConfigInfo;
import dev.lineagegate.avro.EnvironmentInfo;
import dev.lineagegate.avro.EventType;
import dev.lineagegate.avro.ExecutionEvent;
import dev.lineagegate.avro.InputArtifact;
import dev.lineagegate.avro.OutputArtifact;
import dev.lineagegate.avro.RunInfo;
import dev.lineagegate.genai.FileRef;
import dev.lineagegate.genai.Generation;
import dev.lineagegate.genai.Generator;
import dev.lineagegate.genai.ImportRefusedException;
import dev.lineagegate.genai.ImportRefusedException.Kind;
import dev.lineagegate.schema.contract.EventContract;
import dev.lineagegate.schema.contract.EventLimits;
import dev.lineagegate.schema.grade.Gaps;
import dev.lineagegate.schema.id.Digest;
import dev.lineagegate.schema.json.FieldError;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The events of one import (DESIGN.md §6.6): one COMPLETE for the image's run (no START: the run
 * happened elsewhere, before; a COMPLETE alone is a finished run), and one COMPLETE per file found
 * and hashed on disk (or recorded by digest in the metadata) that registers that version of the
 * file's name. A model file is produced by no tracked run; registered, its versions are ordered by
 * the time the file was written, so a newer version of {@code
 * comfyui://models/checkpoints/x.safetensors} supersedes the older one and images made from the
 * older get SUPERSEDED_INPUT. Every event passes the §3.1 contract and the per-event limits, or the
 * import is refused saying which field broke which rule.
 */
public final class ImportEvents {

  /** The {@code producer} of imported events. */
  public static final String PRODUCER = Gaps.IMPORT_PRODUCER;

  private static final int CLIP = 1;

  private ImportEvents() {}

  /**
   * @param found the files found on disk, by name
   * @param outputName the image's artifact name
   * @return the registrations of found files, then the image's event
   */
  public static List<ExecutionEvent> of(
      final Generation generation,
      final Digest image,
      final long sizeBytes,
      final String outputName,
      final Map<String, LocalFile> found,
      final ImportRequest request) {
    final List<ExecutionEvent> events = new ArrayList<>();
    final List<InputArtifact> inputs = new ArrayList<>();
    if (generation.files().size() > EventLimits.INPUTS) {
      throw new ImportRefusedException(
          Kind.LIMIT,
          "the metadata names "
              + generation.files().size()
              + " files, more than the "
              + EventLimits.INPUTS
              + " inputs an event may carry");
    }
    for (final FileRef file : generation.files()) {
      final LocalFile local = found.get(file.name());
      final Digest digest =
          file.recorded() != null ? file.recorded() : local == null ? null : local.digest();
      inputs.add(
          InputArtifact.newBuilder()
              .setName(file.name())
              .setDigest(digest == null ? null : digest.value())
              .build());
      if (local != null) {
        events.add(registration(generation.generator(), file, local, request));
      }
      if (file.recorded() != null && (local == null || !local.digest().equals(file.recorded()))) {
        // The version the image was made from existed when it was made: registered then, so that
        // the file now on disk, if different and newer, supersedes it.
        events.add(
            registration(
                generation.generator(),
                file,
                new LocalFile(null, file.recorded(), -1, request.madeAt()),
                request));
      }
    }
    final ExecutionEvent.Builder event =
        ExecutionEvent.newBuilder()
            .setEventId(ImportIds.imageEvent(image))
            .setEventType(EventType.COMPLETE)
            .setEventTime(time(request.madeAt(), request.now()))
            .setRun(run(ImportIds.imageRun(image), generation.step(), request))
            .setInputs(inputs)
            .setOutputs(
                List.of(
                    OutputArtifact.newBuilder()
                        .setName(outputName)
                        .setDigest(image.value())
                        .setSizeBytes(sizeBytes)
                        .build()))
            .setSeed(generation.seed())
            .setProducer(PRODUCER);
    if (generation.generator().repository() != null) {
      event.setCode(
          CodeInfo.newBuilder()
              .setRepository(generation.generator().repository())
              .setVersion(clip(generation.codeVersion(), EventLimits.CODE_VERSION))
              .build());
    }
    if (generation.configDigest() != null || !generation.parameters().isEmpty()) {
      event.setConfig(
          ConfigInfo.newBuilder()
              .setDigest(
                  generation.configDigest() == null ? null : generation.configDigest().value())
              .setParameters(bounded(generation.parameters()))
              .build());
    }
    if (!generation.tools().isEmpty()) {
      event.setEnvironment(
          EnvironmentInfo.newBuilder().setTools(bounded(generation.tools())).build());
    }
    events.add(event.build());
    for (final ExecutionEvent e : events) {
      refuseViolations(e, request.now());
    }
    return events;
  }

  private static ExecutionEvent registration(
      final Generator generator,
      final FileRef file,
      final LocalFile local,
      final ImportRequest request) {
    final String step =
        generator.scheme() + "/" + (file.kind() == FileRef.Kind.MODEL ? "models" : file.folder());
    return ExecutionEvent.newBuilder()
        .setEventId(ImportIds.fileEvent(file.name(), local.digest()))
        .setEventType(EventType.COMPLETE)
        .setEventTime(time(local.modified(), request.now()))
        .setRun(run(ImportIds.fileRun(file.name(), local.digest()), step, request))
        .setOutputs(
            List.of(
                OutputArtifact.newBuilder()
                    .setName(file.name())
                    .setDigest(local.digest().value())
                    .setSizeBytes(local.sizeBytes() < 0 ? null : local.sizeBytes())
                    .build()))
        .setProducer(PRODUCER)
        .build();
  }

  private static RunInfo run(final String runId, final String step, final ImportRequest request) {
    return RunInfo.newBuilder()
        .setRunId(runId)
        .setStep(clip(step, EventLimits.RUN_NAME))
        .setPipeline(request.pipeline())
        .setOwner(request.owner())
        .build();
  }

  /** {@code madeAt} to the millisecond, never after {@code now} (a clock ahead on another host). */
  private static Instant time(final Instant madeAt, final Instant now) {
    final Instant at = madeAt == null || madeAt.isAfter(now) ? now : madeAt;
    return at.isBefore(EventLimits.EARLIEST_TIME) ? now : at.truncatedTo(ChronoUnit.MILLIS);
  }

  /** A map within the per-map limits: keys and values clipped, the rest counted. */
  static Map<String, String> bounded(final Map<String, String> map) {
    final Map<String, String> out = new LinkedHashMap<>();
    for (final Map.Entry<String, String> e : map.entrySet()) {
      if (out.size() == EventLimits.MAP_ENTRIES - 1 && map.size() > EventLimits.MAP_ENTRIES) {
        out.put("parameters.omitted", Integer.toString(map.size() - out.size()));
        break;
      }
      out.put(clip(e.getKey(), EventLimits.MAP_KEY), clip(e.getValue(), EventLimits.MAP_VALUE));
    }
    return out;
  }

  private static String clip(final String text, final int max) {
    return text == null || text.length() <= max ? text : text.substring(0, max - CLIP) + "…";
  }

  private static void refuseViolations(final ExecutionEvent event, final Instant now) {
    final List<FieldError> errors = EventContract.violations(event, "", now);
    if (!errors.isEmpty()) {
      throw new ImportRefusedException(
          Kind.METADATA,
          "the metadata makes an event that breaks the contract: "
              + errors.stream()
                  .map(e -> e.pointer() + ": " + e.message())
                  .collect(Collectors.joining("; ")));
    }
  }
}
