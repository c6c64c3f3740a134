package dev.lineagegate.lineagestream.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lineagegate.avro.EventType;
import dev.lineagegate.avro.ExecutionEvent;
import dev.lineagegate.avro.InputArtifact;
import dev.lineagegate.avro.OutputArtifact;
import dev.lineagegate.avro.Verdict;
import dev.lineagegate.lineagestream.graph.Partitions;
import dev.lineagegate.schema.Topics;
import dev.lineagegate.service.StaticMembership;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scale out, then a crash (issue #14): three instances of lineage-stream, each in a JVM of its own,
 * share the tasks of one application; one is killed as {@code kill -9} kills (no commit, no leaving
 * the group, its transactions left open) while the workload is still arriving, and the two
 * survivors take its tasks over and finish. With local delivery (DESIGN.md §9) a message between
 * nodes of one task never touches the broker, so the test runs a workload whose lineage crosses
 * pipelines and partitions, on several graph partition counts: the survivors must end with the
 * final verdict per artifact that the oracle (the topology before local delivery, on one partition,
 * in order) gives, each (artifact, sequence) on {@code lineage.verdicts.v1} exactly once.
 *
 * <p>The topic names are fixed ({@code Topics}), so each partition count gets a broker of its own
 * ({@link StreamStack#start(int)}), with {@code lineage.events.v1} and {@code lineage.graph.v1}
 * created with that many partitions each (the app refuses unequal counts): no deleting and
 * recreating topics between counts, and no record of one count is read by the other.
 */
class ScaleOutKillIT {

  private static final Logger LOG = LoggerFactory.getLogger(ScaleOutKillIT.class);
  private static final int INSTANCES = 3;

  /**
   * 12 pipelines × 5 rounds: 185 runs, 378 events, 250 artifacts (144 PASS, 82 WARN, 24 BLOCK by
   * the oracle). Paced, it takes about ten seconds to arrive, so that the kill lands while it still
   * does. Its final verdicts do not depend on how the partitions of lineage.events.v1 interleave
   * (checked under TopologyTestDriver, oracle and local delivery alike, when it was chosen), so the
   * order the broker and the survivors take it in cannot make them differ.
   */
  private static final List<ExecutionEvent> EVENTS = FaultWorkload.crossPipeline(12, 5, 14);

  private static final Duration PACE = Duration.ofMillis(20);

  /**
   * Static members (the default) of a killed JVM hold their tasks until their session expires: 10 s
   * instead of 45 s, so that the survivors take over within the test's time.
   */
  private static final Map<String, String> SETTINGS =
      Map.of("lineage.kafka.session.timeout.ms", "10000");

  private static final Duration WAIT = Duration.ofSeconds(90);

  private static Map<String, Verdict> oracle;

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path work;

  @BeforeAll
  static void askTheOracle() {
    oracle = FaultWorkload.oracle(EVENTS);
  }

  @ParameterizedTest(name = "{0} partitions of lineage.events.v1 and lineage.graph.v1")
  @ValueSource(ints = {3, 6})
  @Timeout(value = 4, unit = TimeUnit.MINUTES)
  void shouldGiveTheOraclesVerdictsOnceEachWhenOneOfThreeInstancesIsKilledMidRun(
      final int partitions) throws Exception {
    final long begin = System.nanoTime();
    try (StreamStack stack = StreamStack.start(partitions);
        Admin admin = stack.kafka.admin()) {
      // Given three instances of one application, each in a JVM of its own, each owning tasks
      final String applicationId = "lineage-stream-scale-out-" + UUID.randomUUID();
      final Map<TopicPartition, Long> before = stack.end(Topics.VERDICTS);
      final Map<TopicPartition, Long> deadLettersBefore = stack.end(Topics.EVENTS_DLQ);
      final List<ChildLineageStream> instances = new ArrayList<>();
      try {
        startAll(stack, applicationId, instances);
        final List<String> memberIds = new ArrayList<>();
        for (int i = 0; i < INSTANCES; i++) {
          memberIds.add(StaticMembership.instanceId(state(i), applicationId));
        }
        final Map<Integer, Integer> owners =
            awaitOwners(admin, applicationId, memberIds, Set.of(0, 1, 2), partitions);
        final long started = System.nanoTime();
        // and a workload whose lineage crosses from the nodes of one instance to another's
        final long crossing = hopsBetweenInstances(EVENTS, partitions, owners);
        assertThat(crossing).as("input → output hops between instances").isGreaterThan(50);

        // When the workload arrives, paced, and one instance is killed while it still does
        final AtomicInteger sent = new AtomicInteger();
        final Instant at = Instant.now();
        final Thread sender =
            new Thread(
                () -> {
                  for (final ExecutionEvent event : EVENTS) {
                    stack.send(event, at); // waits for its ack
                    sent.incrementAndGet();
                    sleep(PACE);
                  }
                },
                "scale-out-sender");
        sender.start();
        awaitVerdicts(stack, before, 20);
        final ChildLineageStream victim = instances.get(1);
        victim.kill();
        final int sentAtKill = sent.get();
        final long killed = System.nanoTime();
        sender.join(WAIT.toMillis());

        // Then every event was sent, the kill landed before the last of them
        assertThat(sent).hasValue(EVENTS.size());
        assertThat(sentAtKill)
            .as("events sent when the instance was killed")
            .isLessThan(sent.get());
        // and the two survivors own every task
        awaitOwners(admin, applicationId, memberIds, Set.of(0, 2), partitions);
        final long takenOver = System.nanoTime();
        // and finish the work: every event consumed, the oracle's final verdict per artifact,
        // each (artifact, sequence) exactly once
        final List<Verdict> settled = VerdictLog.settle(stack, before, oracle);
        assertThat(FaultWorkload.differences(FaultWorkload.finals(settled), oracle))
            .as("final verdicts against the oracle's (logs in %s)", work)
            .isEmpty();
        awaitEveryEventConsumed(admin, stack, applicationId);
        final List<Verdict> verdicts = VerdictLog.read(stack, before);
        assertThat(FaultWorkload.finals(verdicts)).isEqualTo(oracle);
        VerdictLog.assertExactlyOnce(verdicts);
        // and nothing was dead-lettered on the way (the workload has no malformed event)
        assertThat(deadLetters(stack, deadLettersBefore)).isEmpty();
        LOG.info(
            "{} partitions, owners {}: {} hops between instances; killed after {} of {} events;"
                + " {} verdicts; started in {} s, killed {} s later, taken over {} s later,"
                + " settled {} s later",
            partitions,
            owners,
            crossing,
            sentAtKill,
            EVENTS.size(),
            verdicts.size(),
            seconds(begin, started),
            seconds(started, killed),
            seconds(killed, takenOver),
            seconds(takenOver, System.nanoTime()));
      } finally {
        instances.forEach(ChildLineageStream::close);
      }
    }
  }

  /**
   * Starts the instances side by side (each start waits for its /healthz), into {@code started}, so
   * that the caller closes whichever did start if one did not.
   */
  private void startAll(
      final StreamStack stack, final String applicationId, final List<ChildLineageStream> started)
      throws Exception {
    final ExecutorService starter = Executors.newFixedThreadPool(INSTANCES);
    try {
      final List<Future<ChildLineageStream>> starting = new ArrayList<>();
      for (int i = 0; i < INSTANCES; i++) {
        final Path state = state(i);
        final Path log = Files.createFile(work.resolve("instance-" + i + ".log"));
        starting.add(
            starter.submit(
                () -> ChildLineageStream.start(stack, applicationId, state, log, WAIT, SETTINGS)));
      }
      final List<Throwable> failures = new ArrayList<>();
      for (final Future<ChildLineageStream> instance : starting) {
        try {
          started.add(instance.get());
        } catch (ExecutionException e) {
          failures.add(e.getCause());
        }
      }
      if (!failures.isEmpty()) {
        throw new AssertionError(
            failures.size() + " instances did not start (logs in " + work + ")", failures.get(0));
      }
    } finally {
      starter.shutdown();
    }
  }

  private Path state(final int instance) {
    return work.resolve("state-" + instance);
  }

  /**
   * Waits until the group has committed, for every partition of lineage.events.v1, the offset after
   * its last event: with exactly_once_v2 in the same transactions as what those events caused.
   */
  private static void awaitEveryEventConsumed(
      final Admin admin, final StreamStack stack, final String applicationId) throws Exception {
    final Map<TopicPartition, Long> end = stack.end(Topics.EVENTS);
    final long deadline = System.nanoTime() + WAIT.toNanos();
    Map<TopicPartition, Long> committed = Map.of();
    while (System.nanoTime() < deadline) {
      committed = new HashMap<>();
      for (final Map.Entry<TopicPartition, OffsetAndMetadata> offset :
          admin
              .listConsumerGroupOffsets(applicationId)
              .partitionsToOffsetAndMetadata()
              .get(30, TimeUnit.SECONDS)
              .entrySet()) {
        if (offset.getKey().topic().equals(Topics.EVENTS.name()) && offset.getValue() != null) {
          committed.put(offset.getKey(), offset.getValue().offset());
        }
      }
      if (committed.equals(end)) {
        return;
      }
      Thread.sleep(250);
    }
    throw new AssertionError("events not all consumed: committed " + committed + ", end " + end);
  }

  /**
   * Waits until the group's members are exactly the stream threads of the instances {@code alive}
   * (by their static member ids) and each of them owns tasks, every partition of {@code
   * lineage.events.v1} owned once; returns each partition's instance.
   */
  private static Map<Integer, Integer> awaitOwners(
      final Admin admin,
      final String applicationId,
      final List<String> memberIds,
      final Set<Integer> alive,
      final int partitions)
      throws Exception {
    final long deadline = System.nanoTime() + WAIT.toNanos();
    Map<Integer, Integer> owners = Map.of();
    String last = "not described yet";
    while (System.nanoTime() < deadline) {
      final ConsumerGroupDescription group =
          admin
              .describeConsumerGroups(List.of(applicationId))
              .describedGroups()
              .get(applicationId)
              .get(30, TimeUnit.SECONDS);
      owners = new TreeMap<>();
      final Set<Integer> owning = new HashSet<>();
      boolean strangers = false;
      for (final MemberDescription member : group.members()) {
        final int instance = instanceOf(member, memberIds);
        strangers |= !alive.contains(instance);
        for (final TopicPartition partition : member.assignment().topicPartitions()) {
          if (partition.topic().equals(Topics.EVENTS.name())) {
            owners.put(partition.partition(), instance);
            owning.add(instance);
          }
        }
      }
      last = group.groupState() + " " + owners;
      if (!strangers && owning.equals(alive) && owners.size() == partitions) {
        return owners;
      }
      Thread.sleep(250);
    }
    throw new AssertionError(
        "instances " + alive + " did not share the " + partitions + " tasks: " + last);
  }

  /** Which instance {@code member} is a stream thread of (-1: none of them). */
  private static int instanceOf(final MemberDescription member, final List<String> memberIds) {
    final String id = member.groupInstanceId().orElse("");
    for (int i = 0; i < memberIds.size(); i++) {
      if (id.startsWith(memberIds.get(i) + "-")) {
        return i;
      }
    }
    return -1;
  }

  /**
   * The distinct hops from an input's node to the node of an output of the run that read it, as
   * completed runs report them, whose two nodes live on different instances: each is a message that
   * crosses lineage.graph.v1 from one JVM to another (and back, for signals downstream).
   */
  private static long hopsBetweenInstances(
      final List<ExecutionEvent> events, final int partitions, final Map<Integer, Integer> owners) {
    final Set<String> hops = new HashSet<>();
    for (final ExecutionEvent event : events) {
      if (event.getEventType() != EventType.COMPLETE) {
        continue;
      }
      for (final InputArtifact input : event.getInputs()) {
        for (final OutputArtifact output : event.getOutputs()) {
          final int from = owners.get(Partitions.of(input.getDigest(), partitions));
          final int to = owners.get(Partitions.of(output.getDigest(), partitions));
          if (from != to) {
            hops.add(input.getDigest() + ">" + output.getDigest());
          }
        }
      }
    }
    return hops.size();
  }

  /** What lineage.events.dlq.v1 got since {@code before}, as "key: error headers". */
  private static List<String> deadLetters(
      final StreamStack stack, final Map<TopicPartition, Long> before) {
    return stack
        .reader
        .readUntilQuiet(
            Topics.EVENTS_DLQ.name(),
            before,
            Duration.ofSeconds(1),
            Duration.ofSeconds(10),
            new StringDeserializer(),
            new ByteArrayDeserializer())
        .stream()
        .map(r -> r.key() + ": " + r.headers())
        .toList();
  }

  /** Waits until at least {@code count} verdicts were committed since {@code before}. */
  private static void awaitVerdicts(
      final StreamStack stack, final Map<TopicPartition, Long> before, final int count) {
    final long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      if (stack.verdicts(before, count).size() >= count) {
        return;
      }
    }
    throw new AssertionError("fewer than " + count + " verdicts within " + WAIT);
  }

  private static String seconds(final long from, final long to) {
    return String.format("%.1f", (to - from) / 1e9);
  }

  private static void sleep(final Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
