package dev.lineagegate.client;

import dev.lineagegate.avro.CheckSeverity;
import dev.lineagegate.schema.id.Digest;
import java.nio.file.Path;

/**
 * What a running step declares about its outcome; it goes out on the COMPLETE or FAIL event. Safe
 * to call from several threads.
 */
public interface RunContext {

  /** The run's id, the same on all of its events. */
  String runId();

  /**
   * An output hashed now with {@link Digests#of}; its size is the file's, or the sum of a
   * directory's regular files.
   */
  RunContext output(String name, Path path);

  /**
   * An output known by digest.
   *
   * @param digest null for an output that cannot be hashed (it will be UNVERSIONED_OUTPUT, §4.3)
   * @param sizeBytes null when unknown
   */
  RunContext output(String name, Digest digest, Long sizeBytes);

  /** A check of severity ERROR, with nothing observed. */
  default RunContext check(final String name, final boolean passed) {
    return check(name, passed, CheckSeverity.ERROR, null);
  }

  /**
   * A check result (§4.1: a failed ERROR check blocks the outputs, a failed WARNING warns).
   *
   * @param observed what was measured, e.g. {@code 0.83}; null when nothing
   */
  RunContext check(String name, boolean passed, CheckSeverity severity, String observed);

  /**
   * What the run cost; each value may be null. A null duration is measured from START to the end.
   */
  RunContext cost(Long durationMs, Double cpuSeconds, Double gpuSeconds, Long tokens);
}
