package dev.lineagegate.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lineagegate.avro.ReasonCode;
import dev.lineagegate.avro.Waiver;
import dev.lineagegate.avro.gate.AllowedVersion;
import dev.lineagegate.avro.gate.ArtifactGate;
import dev.lineagegate.avro.gate.NameGate;
import dev.lineagegate.avro.gate.Promotion;
import dev.lineagegate.avro.gate.PromotionState;
import dev.lineagegate.avro.gate.TargetVersions;
import dev.lineagegate.avro.gate.WaiverGrant;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/**
 * The bytes stated on each store of {@link GateTopology}: every list of a record full (at {@link
 * GateBounds#DEFAULTS}), every string as long as it may be and made of 3-byte characters, every
 * number as long as Avro writes it. The verdict and the name are lineage-stream's to bound.
 */
class GateBoundsTest {

  /** Stated on gate-artifacts: beyond its name and its verdict. */
  private static final int ARTIFACT_BYTES = 135 * 1024;

  /** Stated on gate-names. */
  private static final int NAME_BYTES = 141 * 1024;

  private static final GateBounds BOUNDS = GateBounds.DEFAULTS;
  private static final Instant LATEST = Instant.ofEpochMilli(Long.MAX_VALUE);
  private static final String DIGEST = GateFixtures.V1;
  private static final String UUID = "00000000-0000-3000-8000-000000000000";

  @Test
  void shouldStayWithinTheStatedBytesWhenAnArtifactHoldsAllItKeeps() {
    // Given an artifact promoted to as many targets and holding as many waivers as it keeps
    final List<Promotion> promotions = new ArrayList<>();
    for (int i = 0; i < BOUNDS.targets(); i++) {
      promotions.add(
          new Promotion(
              longest(GateBounds.MAX_ID),
              UUID,
              longest(GateBounds.MAX_ID),
              Long.MIN_VALUE,
              LATEST,
              PromotionState.REVOKING));
    }
    final List<WaiverGrant> waivers = new ArrayList<>();
    for (int i = 0; i < BOUNDS.waivers(); i++) {
      waivers.add(
          new WaiverGrant(
              longest(GateBounds.MAX_ID),
              UUID,
              new Waiver(
                  ReasonCode.UNKNOWN_ARTIFACT,
                  LATEST,
                  longest(GateBounds.MAX_JUSTIFICATION),
                  longest(GateBounds.MAX_ID))));
    }
    final ArtifactGate full =
        new ArtifactGate(DIGEST, null, null, promotions, waivers, Integer.MIN_VALUE);

    // When it is written, Then it takes at most the bytes stated on its store
    assertThat(bytes(full)).isLessThanOrEqualTo(ARTIFACT_BYTES);
  }

  @Test
  void shouldStayWithinTheStatedBytesWhenANameHoldsAllItKeeps() {
    // Given a name with as many versions allowed to as many targets as it keeps
    final List<TargetVersions> targets = new ArrayList<>();
    for (int t = 0; t < BOUNDS.targets(); t++) {
      final List<AllowedVersion> versions = new ArrayList<>();
      for (int v = 0; v < BOUNDS.versionsPerName(); v++) {
        versions.add(new AllowedVersion(DIGEST, LATEST, true));
      }
      targets.add(new TargetVersions(longest(GateBounds.MAX_ID), versions));
    }

    // When it is written, Then it takes at most the bytes stated on its store
    assertThat(bytes(new NameGate(targets))).isLessThanOrEqualTo(NAME_BYTES);
  }

  /** {@code length} characters of 3 UTF-8 bytes each (€). */
  private static String longest(final int length) {
    return "\u20ac".repeat(length);
  }

  private static <T extends SpecificRecord> int bytes(final T record) {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    try {
      new SpecificDatumWriter<T>(record.getSchema()).write(record, encoder);
      encoder.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.size();
  }
}
