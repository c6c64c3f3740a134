package dev.lineagegate.genai.event;

import dev.lineagegate.schema.id.Digest;
import java.time.Instant;

/**
 * A referenced file found on disk and hashed.
 *
 * @param path where it was found, for messages
 * @param digest SHA-256 of its bytes
 * @param sizeBytes its size
 * @param modified its last-modified time: when this version of the name appeared
 */
public record LocalFile(String path, Digest digest, long sizeBytes, Instant modified) {}
