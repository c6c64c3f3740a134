package dev.lineagegate.lineagestream;

import dev.lineagegate.testkit.TestEvents;
import java.time.Instant;

/**
 * The wall clock of a {@link TopologyHarness} until a test advances it: every record's timestamp.
 */
final class TopologyHarnessClock {

  static final Instant NOW = TestEvents.T0.plusSeconds(3600);

  private TopologyHarnessClock() {}
}
