package dev.lineagegate.lineagestream.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lineagegate.avro.ExecutionEvent;
import dev.lineagegate.avro.Verdict;
import dev.lineagegate.schema.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults on a real broker and registry (issue #12): an instance killed as {@code kill -9} does, mid
 * stream, then restarted on its state; the broker stopped under load and restarted. Each ends with
 * the verdicts a clean run of the same input gives (the TopologyTestDriver control) and every
 * (artifact, sequence) on lineage.verdicts.v1 exactly once, none missing.
 */
class FaultsIT {

  @TempDir Path work;

  @Test
  void shouldGiveTheControlsVerdictsOnceEachWhenKilledMidStreamAndRestartedOnItsState()
      throws Exception {
    final List<ExecutionEvent> events = FaultWorkload.events(8, 4, 42);
    final Map<String, Verdict> control = FaultWorkload.control(events);
    try (StreamStack stack = StreamStack.start()) {
      // Given lineage-stream in a JVM of its own, reading the first half of the workload
      final String applicationId = "lineage-stream-kill-" + UUID.randomUUID();
      final Path state = work.resolve("state");
      final Path log = Files.createFile(work.resolve("lineage-stream.log"));
      final Map<TopicPartition, Long> before = stack.end(Topics.VERDICTS);
      final Instant at = Instant.now();
      final int half = events.size() / 2;
      try (ChildLineageStream first =
          ChildLineageStream.start(stack, applicationId, state, log, Duration.ofSeconds(90))) {
        events.subList(0, half).forEach(e -> stack.send(e, at));
        VerdictLog.awaitSome(stack, before, 5);

        // When it is killed mid-stream (no commit, no leaving the group, a transaction open)
        first.kill();
      }
      // And the rest of the workload arrives while it is down
      events.subList(half, events.size()).forEach(e -> stack.send(e, at));

      // Then, restarted on the same state directory, it becomes healthy and finishes the work
      try (ChildLineageStream second =
          ChildLineageStream.start(stack, applicationId, state, log, Duration.ofSeconds(90))) {
        final List<Verdict> verdicts = VerdictLog.settle(stack, before, control);
        assertThat(FaultWorkload.differences(FaultWorkload.finals(verdicts), control)).isEmpty();
        VerdictLog.assertExactlyOnce(verdicts);
      }
    }
  }

  @Test
  void shouldGiveTheControlsVerdictsOnceEachWhenTheBrokerStopsUnderLoadAndReturns()
      throws Exception {
    final List<ExecutionEvent> events = FaultWorkload.events(8, 4, 7);
    final Map<String, Verdict> control = FaultWorkload.control(events);
    try (StreamStack stack = StreamStack.start()) {
      // Given lineage-stream working through a workload sent by another thread
      final String applicationId = "lineage-stream-outage-" + UUID.randomUUID();
      final Map<TopicPartition, Long> before = stack.end(Topics.VERDICTS);
      final Instant at = Instant.now();
      try (LineageStreamApp app =
          LineageStreamApp.start(stack.config(applicationId, work.resolve("state")))) {
        final AtomicBoolean sent = new AtomicBoolean();
        final Thread sender =
            new Thread(
                () -> {
                  events.forEach(e -> stack.send(e, at)); // each send waits for its ack
                  sent.set(true);
                },
                "fault-sender");
        sender.start();
        VerdictLog.awaitSome(stack, before, 5);

        // When the broker stops for a while under that load, and comes back
        stack.kafka.stopBroker();
        Thread.sleep(5_000);
        stack.kafka.restartBroker();
        sender.join(VerdictLog.SETTLE.toMillis());

        // Then every event was sent, and the verdicts are the control's, each exactly once
        assertThat(sent).isTrue();
        final List<Verdict> verdicts = VerdictLog.settle(stack, before, control);
        assertThat(FaultWorkload.differences(FaultWorkload.finals(verdicts), control)).isEmpty();
        VerdictLog.assertExactlyOnce(verdicts);
      }
    }
  }

  @Test
  void shouldGiveTheControlsVerdictsOnceEachWhenItsStateDirectoryIsWipedAndRebuilt()
      throws Exception {
    final List<ExecutionEvent> events = FaultWorkload.events(8, 4, 11);
    final Map<String, Verdict> control = FaultWorkload.control(events);
    try (StreamStack stack = StreamStack.start()) {
      // Given lineage-stream that judged the first half of the workload and stopped
      final String applicationId = "lineage-stream-wipe-" + UUID.randomUUID();
      final Path state = work.resolve("state");
      final Map<TopicPartition, Long> before = stack.end(Topics.VERDICTS);
      final Instant at = Instant.now();
      final int half = events.size() / 2;
      try (LineageStreamApp first = LineageStreamApp.start(stack.config(applicationId, state))) {
        events.subList(0, half).forEach(e -> stack.send(e, at));
        VerdictLog.awaitSome(stack, before, 5);
      }

      // When its state directory is lost (a new disk, a wiped volume) and the rest arrives
      deleteRecursively(state);
      events.subList(half, events.size()).forEach(e -> stack.send(e, at));

      // Then, started on an empty directory, it rebuilds its stores from their changelogs and
      // finishes the work: the control's verdicts, each exactly once
      try (LineageStreamApp second = LineageStreamApp.start(stack.config(applicationId, state))) {
        final List<Verdict> verdicts = VerdictLog.settle(stack, before, control);
        assertThat(FaultWorkload.differences(FaultWorkload.finals(verdicts), control)).isEmpty();
        VerdictLog.assertExactlyOnce(verdicts);
      }
    }
  }

  private static void deleteRecursively(final Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (final Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
