package dev.lineagegate.lineagestream;

import dev.lineagegate.avro.ExecutionEvent;
import dev.lineagegate.avro.graph.ArtifactNode;
import dev.lineagegate.avro.graph.ConsumerEdge;
import dev.lineagegate.policy.Policy;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class DebugSeedTest {
  private static final Logger LOG = LoggerFactory.getLogger(DebugSeedTest.class);

  @Test
  void dump() {
    final long seed = Long.getLong("seed", 34);
    final String target =
        System.getProperty(
            "target", "ffd4065110ba6495709ed4e281faae478c0dee797720c7750fad13e9abe739fe");
    final Policy policy =
        Policy.parse(GeneratedLineage.POLICY.getBytes(StandardCharsets.UTF_8), "p");
    for (final boolean oracle : new boolean[] {true, false}) {
      try (TopologyHarness h =
          new TopologyHarness(
              policy,
              4,
              TopologyConfig.DEFAULT_MAX_STATE_BYTES,
              c -> c,
              oracle
                  ? dev.lineagegate.lineagestream.oracle.OracleTopology::build
                  : LineageTopology::build)) {
        for (final GeneratedLineage.Input i : GeneratedLineage.of(seed, 4).inputs()) {
          if (i.event() != null) {
            final ExecutionEvent e = i.event();
            if (oracle) {
              final StringBuilder b = new StringBuilder();
              b.append(e.getRun().getRunId(), 0, 4)
                  .append(' ')
                  .append(e.getRun().getStep())
                  .append(' ')
                  .append(e.getEventType())
                  .append(' ')
                  .append(e.getEventTime())
                  .append(" in=");
              e.getInputs()
                  .forEach(
                      x ->
                          b.append('[')
                              .append(x.getName())
                              .append(' ')
                              .append(x.getDigest() == null ? "-" : x.getDigest().substring(7, 13))
                              .append(']'));
              b.append(" out=");
              e.getOutputs()
                  .forEach(
                      x ->
                          b.append('[')
                              .append(x.getName())
                              .append(' ')
                              .append(x.getDigest() == null ? "-" : x.getDigest().substring(7, 13))
                              .append(']'));
              LOG.warn("EV {}", b);
            }
            h.send(e);
          } else {
            h.sendRaw(i.key().getBytes(StandardCharsets.UTF_8), i.raw());
          }
        }
        final ArtifactNode node =
            h.driver()
                .<String, ArtifactNode>getKeyValueStore(LineageTopology.ARTIFACTS_STORE)
                .get("sha256:" + target);
        LOG.warn(
            "{} upstream: {}",
            oracle ? "ORACLE" : "NEW",
            node == null
                ? null
                : node.getUpstream().stream()
                    .map(
                        s ->
                            s.getFrom().substring(7, 13)
                                + "/"
                                + s.getName()
                                + "/"
                                + s.getStatus()
                                + "/back="
                                + s.getBackEdge())
                    .toList());
        LOG.warn(
            "{} producers inputs: {}",
            oracle ? "ORACLE" : "NEW",
            node == null
                ? null
                : node.getProducers().stream()
                    .map(
                        p ->
                            p.getMerged().getInputs().stream()
                                .map(
                                    x ->
                                        x.getName()
                                            + ":"
                                            + (x.getDigest() == null
                                                ? "-"
                                                : x.getDigest().substring(7, 13)))
                                .toList())
                    .toList());
        try (KeyValueIterator<String, ConsumerEdge> it =
            h.driver().<String, ConsumerEdge>getKeyValueStore(LineageTopology.EDGES_STORE).all()) {
          it.forEachRemaining(
              kv -> {
                if (kv.value.toString().contains(target)) {
                  LOG.warn(
                      "{} edge {} -> {}",
                      oracle ? "ORACLE" : "NEW",
                      kv.key.substring(0, Math.min(20, kv.key.length())),
                      kv.value
                          .toString()
                          .substring(0, Math.min(300, kv.value.toString().length())));
                }
              });
        }
      }
    }
  }
}
