package dev.lineagegate.lineagestream.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lineagegate.avro.Verdict;
import dev.lineagegate.schema.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * lineage.verdicts.v1 as the fault tests read it on a real broker: every committed verdict since a
 * snapshot of its end offsets, read until it settles on a control's final verdicts, then checked
 * for each (artifact, sequence) exactly once.
 */
final class VerdictLog {

  /** How long a test waits for verdicts to appear, and to settle. */
  static final Duration SETTLE = Duration.ofSeconds(120);

  private VerdictLog() {}

  /** Reads lineage.verdicts.v1 until its final verdicts equal {@code control}, or SETTLE. */
  static List<Verdict> settle(
      final StreamStack stack,
      final Map<TopicPartition, Long> before,
      final Map<String, Verdict> control) {
    final long deadline = System.nanoTime() + SETTLE.toNanos();
    List<Verdict> verdicts = List.of();
    while (System.nanoTime() < deadline) {
      verdicts = read(stack, before);
      if (FaultWorkload.finals(verdicts).equals(control)) {
        return verdicts;
      }
    }
    return verdicts;
  }

  /**
   * Waits (at most SETTLE) until at least {@code count} verdicts were written since {@code before}.
   */
  static List<Verdict> awaitSome(
      final StreamStack stack, final Map<TopicPartition, Long> before, final int count) {
    final long deadline = System.nanoTime() + SETTLE.toNanos();
    List<Verdict> verdicts = read(stack, before);
    while (System.nanoTime() < deadline && verdicts.size() < count) {
      verdicts = read(stack, before);
    }
    return verdicts;
  }

  /** Every verdict committed since {@code before}, read until none came for 2 s. */
  static List<Verdict> read(final StreamStack stack, final Map<TopicPartition, Long> before) {
    final List<Verdict> verdicts = new ArrayList<>();
    stack
        .reader
        .readUntilQuiet(
            Topics.VERDICTS.name(),
            before,
            Duration.ofSeconds(2),
            Duration.ofSeconds(30),
            stack.serdes.keySerde(Topics.VERDICTS).deserializer(),
            stack.serdes.valueSerde(Topics.VERDICTS).deserializer())
        .stream()
        .map(ConsumerRecord::value)
        .forEach(verdicts::add);
    return verdicts;
  }

  /** Each (artifact, sequence) once, and every artifact's sequences 1, 2, … without a gap. */
  static void assertExactlyOnce(final List<Verdict> verdicts) {
    assertThat(verdicts)
        .extracting(v -> v.getArtifact() + "#" + v.getSequence())
        .doesNotHaveDuplicates();
    final Map<String, Long> highest = new HashMap<>();
    final Map<String, Long> count = new HashMap<>();
    for (final Verdict verdict : verdicts) {
      highest.merge(verdict.getArtifact(), verdict.getSequence(), Math::max);
      count.merge(verdict.getArtifact(), 1L, Long::sum);
    }
    assertThat(count).isEqualTo(highest);
  }
}
