package dev.lineagegate.gate.service;

import dev.lineagegate.avro.GateDecision;
import dev.lineagegate.avro.gate.ArtifactGate;
import java.util.List;
import java.util.Optional;

/**
 * What the service reads from the gate's stores: {@link GateStores} on a running instance (a store
 * restoring or moving throws a 503 problem), a map in tests.
 */
public interface GateReads {

  /** The artifact's state (verdict, promotions, waivers), empty when the gate knows nothing. */
  Optional<ArtifactGate> artifact(String digest);

  /** The decision that counts for a promotion request, once the artifact task has read it. */
  Optional<GateDecision> request(String digest, String requestId);

  /** The decisions recorded for {@code digest}, oldest first (publication order). */
  List<GateDecision> log(String digest);
}
