package dev.lineagegate.service;

import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Static group membership (KIP-345) for a Kafka Streams service, so that an instance started again
 * after a crash takes its own place in its consumer group at once.
 *
 * <p>A stream thread killed without closing (kill -9, OOM killer, power loss) does not leave its
 * group. Coming back as a dynamic member it is a stranger, and the coordinator holds the rebalance
 * until the dead member's session expires ({@code session.timeout.ms}, 45 s): after a broker
 * restart that wait counts from the moment the coordinator loaded the group, so the embedded stack
 * restarted after {@code kill -9} sat 35-45 s in REBALANCING (docs/BENCHMARKS.md, "restart after
 * kill -9"). A static member rejoining under its {@code group.instance.id} replaces its dead
 * incarnation immediately.
 *
 * <p>The id is {@code <application id>-<UUID>}, the UUID created once and kept in the state
 * directory ({@code <state dir>/<application id>.group-instance-id}); Streams appends {@code
 * -<thread index>} for each stream thread. Why the state directory rather than the advertised
 * host:port: a state directory belongs to exactly one running instance (Streams locks it, and keeps
 * its own process id there for the same reason), so the id is unique per instance and stable for
 * exactly as long as the local state it goes with; an advertised port may be chosen at start (0), a
 * container's address changes, and two instances misconfigured with one URL would fence each other
 * out of the group instead of only routing queries wrongly. An instance that loses its state
 * directory comes back as a new member; its old id is dropped after one session timeout, as a dead
 * dynamic member is. Copying a state directory to start a second instance was never supported
 * (Streams' process id would be duplicated too).
 *
 * <p>A clean close still hands the tasks over at once: {@link StreamsRunner} closes with
 * LEAVE_GROUP, which the Kafka 4 consumer sends for static members too.
 */
public final class StaticMembership {

  /** Where the id is kept, after the application id, in the state directory. */
  public static final String FILE_SUFFIX = ".group-instance-id";

  /** Any of these set explicitly (e.g. {@code lineage.kafka.group.instance.id}) wins. */
  private static final List<String> EXPLICIT =
      List.of(
          ConsumerConfig.GROUP_INSTANCE_ID_CONFIG,
          StreamsConfig.consumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG),
          StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG));

  private StaticMembership() {}

  /**
   * Makes the stream threads of the instance whose state lives in {@code stateDir} static members
   * of {@code applicationId}'s group, unless {@code props} already names an instance id.
   */
  public static void apply(
      final Properties props, final Path stateDir, final String applicationId) {
    if (EXPLICIT.stream().anyMatch(props::containsKey)) {
      return;
    }
    props.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, instanceId(stateDir, applicationId));
  }

  /** The instance id kept for {@code applicationId} in {@code stateDir}, created if missing. */
  public static String instanceId(final Path stateDir, final String applicationId) {
    return applicationId
        + "-"
        + PersistentId.loadOrCreate(stateDir.resolve(applicationId + FILE_SUFFIX));
  }
}
