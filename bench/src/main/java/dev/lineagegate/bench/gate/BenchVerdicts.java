package dev.lineagegate.bench.gate;

import dev.lineagegate.avro.Reason;
import dev.lineagegate.avro.ReasonCode;
import dev.lineagegate.avro.Reproducibility;
import dev.lineagegate.avro.ReproducibilityGrade;
import dev.lineagegate.avro.Severity;
import dev.lineagegate.avro.Verdict;
import dev.lineagegate.avro.VerdictStatus;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The verdicts the gate benchmark materialises: deterministic in {@code i}, 70% PASS (no reasons),
 * 20% WARN and 10% BLOCK (1 to 3 reasons), names shared by every 1000th artifact so that the name
 * task sees several versions per name, as in a real registry.
 */
public final class BenchVerdicts {

  private static final ReasonCode[] CODES = {
    ReasonCode.MISSING_SEED, ReasonCode.STALE_INPUT, ReasonCode.UPSTREAM_WARNED
  };

  private BenchVerdicts() {}

  /** {@code sha256:<hex>} of the artifact's index: spread over partitions like real digests. */
  public static String digest(final int i) {
    try {
      final byte[] hash =
          MessageDigest.getInstance("SHA-256")
              .digest(("bench-artifact-" + i).getBytes(StandardCharsets.UTF_8));
      return "sha256:" + HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }

  public static VerdictStatus status(final int i) {
    final int bucket = i % 10;
    return bucket < 7 ? VerdictStatus.PASS : bucket < 9 ? VerdictStatus.WARN : VerdictStatus.BLOCK;
  }

  /** What the default policy's prod target answers: it blocks on WARN and BLOCK. */
  public static String expectedProdDecision(final int i) {
    return status(i) == VerdictStatus.PASS ? "ALLOW" : "BLOCK";
  }

  public static Verdict verdict(final int i) {
    final VerdictStatus status = status(i);
    final List<Reason> reasons = new ArrayList<>();
    if (status != VerdictStatus.PASS) {
      for (int r = 0; r <= i % 3; r++) {
        final Severity severity =
            status == VerdictStatus.BLOCK && r == 0 ? Severity.BLOCK : Severity.WARN;
        reasons.add(
            new Reason(CODES[r], severity, "bench reason " + r, Map.of("ancestor", digest(i / 2))));
      }
    }
    return Verdict.newBuilder()
        .setArtifact(digest(i))
        .setName("model:bench-" + (i % 1000))
        .setStatus(status)
        .setReasons(reasons)
        .setReproducibility(new Reproducibility(ReproducibilityGrade.FULL, List.of()))
        .setProducingRunId("run-" + i)
        .setPolicyVersion("bench")
        .setSequence(1)
        .setEvaluatedAt(Instant.now())
        .build();
  }
}
