package dev.lineagegate.genai.event;

import java.time.Instant;

/**
 * What the importer knows besides the image's bytes.
 *
 * @param file the image's file name (a path relative to the folder imported, {@code /} separators),
 *     naming the output {@code <scheme>://output/<file>}; null for none (HTTP without {@code
 *     ?name=}): then the digest names it
 * @param pipeline {@code run.pipeline}, or null
 * @param owner {@code run.owner}, or null
 * @param madeAt when the image was made, as far as known (a file's modification time); null for
 *     {@code now}
 * @param now the current time: events are never dated after it
 */
public record ImportRequest(
    String file, String pipeline, String owner, Instant madeAt, Instant now) {}
