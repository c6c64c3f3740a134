package dev.lineagegate.lineagestream;

import dev.lineagegate.avro.CheckResult;
import dev.lineagegate.avro.CheckSeverity;
import dev.lineagegate.avro.ConfigInfo;
import dev.lineagegate.avro.ErrorInfo;
import dev.lineagegate.avro.EventType;
import dev.lineagegate.avro.ExecutionEvent;
import dev.lineagegate.avro.InputArtifact;
import dev.lineagegate.avro.OutputArtifact;
import dev.lineagegate.avro.RunInfo;
import dev.lineagegate.avro.RunMode;
import dev.lineagegate.schema.id.Digest;
import dev.lineagegate.testkit.TestEvents;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * A seeded generator of small lineage histories for the equivalence tests (issue #14): runs of a
 * few steps over names shared between runs, inputs by digest, by name only and of raw sources;
 * every §4 reason (missing metadata, failed checks, over budget, stale input, unversioned outputs,
 * failures, FAIL after COMPLETE, late STARTs that change the recipe, reruns that reproduce or not,
 * streaming runs, open runs), cycles, chains past the maximum depth, and malformed input (bytes
 * that are no event, a runId reused by another step, an output name with two digests). Every
 * identifier carries the seed, so that histories of different seeds never meet and one pair of
 * topologies can take thousands of them.
 */
final class GeneratedLineage {

  /** One record for {@code lineage.events.v1}: an event, or bytes that are not one. */
  record Input(String key, ExecutionEvent event, byte[] raw) {}

  /** The history, in the order to send it, and every name and digest it mentions. */
  record History(List<Input> inputs, Set<String> names, Set<String> digests) {}

  /** Where the generator's policy makes inputs stale and runs over budget. */
  static final String POLICY =
      "stalledRunAfter: P30D\n"
          + "freshness:\n  - { match: \"**/fresh*\", maxAge: PT30M }\n"
          + "budgets:\n  - { step: \"train\", maxDurationMs: 30000 }\n";

  private static final String[] STEPS = {"prepare", "train", "evaluate"};

  private final Random random;
  private final String prefix;
  private final List<String> names = new ArrayList<>();
  private final List<String[]> produced = new ArrayList<>();
  private final List<Input> inputs = new ArrayList<>();
  private final Set<String> mentionedNames = new LinkedHashSet<>();
  private final Set<String> mentionedDigests = new LinkedHashSet<>();
  private int runs;

  private GeneratedLineage(final long seed) {
    this.random = new Random(seed);
    this.prefix = "g" + Long.toHexString(seed) + "/";
  }

  /**
   * The history of {@code seed}: in the order runs happen (seed % 3 == 0), shuffled (1), or in that
   * order with a fifth of its records sent again somewhere later (2).
   */
  static History of(final long seed, final int maxDepth) {
    final GeneratedLineage g = new GeneratedLineage(seed);
    final List<Input> all = g.generate(maxDepth);
    final Random order = new Random(~seed);
    switch ((int) (seed % 3)) {
      case 1 -> Collections.shuffle(all, order);
      case 2 -> {
        for (final Input again : List.copyOf(all)) {
          if (order.nextInt(5) == 0) {
            all.add(order.nextInt(all.size() + 1), again);
          }
        }
      }
      default -> {}
    }
    return new History(all, g.mentionedNames, g.mentionedDigests);
  }

  private List<Input> generate(final int maxDepth) {
    final int nameCount = 2 + random.nextInt(4);
    for (int i = 0; i < nameCount; i++) {
      names.add(prefix + (random.nextInt(4) == 0 ? "fresh" : "n") + i);
    }
    final int count = 2 + random.nextInt(7);
    for (int j = 0; j < count; j++) {
      run(STEPS[random.nextInt(STEPS.length)], inputs(), outputs(), random.nextInt(14));
    }
    if (random.nextInt(10) == 0) {
      cycle();
    }
    if (random.nextInt(10) == 0) {
      chain(maxDepth + 2);
    }
    if (random.nextInt(6) == 0) {
      malformed();
    }
    return inputs;
  }

  private List<InputArtifact> inputs() {
    final List<InputArtifact> in = new ArrayList<>();
    final Set<String> seen = new LinkedHashSet<>();
    final int count = random.nextInt(4);
    for (int i = 0; i < count; i++) {
      final InputArtifact input = input(random.nextInt(10));
      final String id = input.getDigest() != null ? input.getDigest() : "name:" + input.getName();
      if (seen.add(id)) {
        in.add(input);
      }
    }
    return in;
  }

  private InputArtifact input(final int kind) {
    if (kind < 4 && !produced.isEmpty()) {
      final String[] out = produced.get(random.nextInt(produced.size()));
      final InputArtifact input = input(kind == 0 ? null : out[0], out[1]);
      if (kind == 3) {
        // read long after it was made: stale where the name is "fresh*"
        input.setProducedAt(TestEvents.T0.minusSeconds(7200));
      }
      return input;
    }
    if (kind < 6) {
      return input(names.get(random.nextInt(names.size())), null);
    }
    final int source = random.nextInt(3);
    return input(prefix + "src" + source, digest("src" + source + "v" + random.nextInt(2)));
  }

  private InputArtifact input(final String name, final String digest) {
    if (name != null) {
      mentionedNames.add(name);
    }
    if (digest != null) {
      mentionedDigests.add(digest);
    }
    return InputArtifact.newBuilder().setName(name).setDigest(digest).setProducedAt(null).build();
  }

  private List<OutputArtifact> outputs() {
    final List<OutputArtifact> out = new ArrayList<>();
    final List<String> pool = new ArrayList<>(names);
    Collections.shuffle(pool, random);
    final int count = 1 + random.nextInt(2);
    for (int o = 0; o < count; o++) {
      final String digest = random.nextInt(15) == 0 ? null : digest("out" + runs + "/" + o);
      out.add(output(pool.get(o), digest));
    }
    return out;
  }

  private OutputArtifact output(final String name, final String digest) {
    mentionedNames.add(name);
    if (digest != null) {
      mentionedDigests.add(digest);
      produced.add(new String[] {name, digest});
    }
    return OutputArtifact.newBuilder().setName(name).setDigest(digest).setSizeBytes(100L).build();
  }

  /** The events of one run, by {@code shape}: how it goes and what it leaves out. */
  private void run(
      final String step,
      final List<InputArtifact> in,
      final List<OutputArtifact> out,
      final int shape) {
    final int index = runs++;
    final String runId = uuid("run" + index);
    final int minute = 2 * index;
    final long flags = random.nextLong();
    final ExecutionEvent start = vary(TestEvents.start(runId, step, minute, in), flags);
    final ExecutionEvent complete = vary(TestEvents.complete(runId, step, minute, in, out), flags);
    switch (shape) {
      case 0 -> send(complete);
      case 1 -> send(start);
      case 2 -> send(start, fail(complete));
      case 3 -> send(start, complete, fail(complete));
      case 4 -> send(complete, lateStart(start));
      case 5 -> streaming(start, out);
      case 6 -> send(ExecutionEvent.newBuilder(start).setOutputs(out).build(), complete);
      case 7 -> {
        send(start, complete);
        rerun(step, in, out, random.nextBoolean());
      }
      default -> send(start, complete);
    }
  }

  /** Metadata left out or checks failed, the same on every event of the run. */
  private static ExecutionEvent vary(final ExecutionEvent event, final long flags) {
    final ExecutionEvent.Builder b = ExecutionEvent.newBuilder(event);
    if ((flags & 0xf) == 0) {
      b.setCode(null);
    }
    if ((flags >> 4 & 0xf) == 0) {
      b.setRun(RunInfo.newBuilder(event.getRun()).setOwner(null).build());
    }
    if ((flags >> 8 & 0xf) == 0) {
      b.setEnvironment(null);
    }
    if ((flags >> 12 & 0xf) == 0) {
      b.setConfig(null);
    }
    if ((flags >> 16 & 0xf) == 0) {
      b.setSeed(null);
    }
    if ((flags >> 20 & 0xf) == 0 && event.getEventType() != EventType.START) {
      final CheckSeverity severity =
          (flags >> 24 & 1) == 0 ? CheckSeverity.ERROR : CheckSeverity.WARNING;
      b.setChecks(
          List.of(
              CheckResult.newBuilder()
                  .setName("rows>0")
                  .setPassed(false)
                  .setSeverity(severity)
                  .setObserved("0")
                  .build()));
    }
    return b.build();
  }

  private ExecutionEvent fail(final ExecutionEvent complete) {
    return ExecutionEvent.newBuilder(complete)
        .setEventId(TestEvents.eventId(complete.getRun().getRunId(), "fail"))
        .setEventType(EventType.FAIL)
        .setEventTime(complete.getEventTime().plusSeconds(60))
        .setChecks(List.of())
        .setError(ErrorInfo.newBuilder().setMessage("out of memory").setType("OOM").build())
        .build();
  }

  /** A START sent after the COMPLETE that reports another config: the recipe changes late. */
  private ExecutionEvent lateStart(final ExecutionEvent start) {
    return ExecutionEvent.newBuilder(start)
        .setConfig(ConfigInfo.newBuilder().setDigest(digest("late config")).build())
        .build();
  }

  /** A streaming run: its START and two heartbeats, each listing what it wrote. */
  private void streaming(final ExecutionEvent start, final List<OutputArtifact> out) {
    final ExecutionEvent first =
        ExecutionEvent.newBuilder(start)
            .setRun(RunInfo.newBuilder(start.getRun()).setMode(RunMode.STREAMING).build())
            .setOutputs(out)
            .build();
    send(first);
    for (int beat = 1; beat <= 2; beat++) {
      send(
          ExecutionEvent.newBuilder(first)
              .setEventId(TestEvents.eventId(start.getRun().getRunId(), "beat" + beat))
              .setEventTime(start.getEventTime().plusSeconds(30L * beat))
              .build());
    }
  }

  /** The same step on the same inputs again: the same outputs (reproduced) or other bytes. */
  private void rerun(
      final String step,
      final List<InputArtifact> in,
      final List<OutputArtifact> out,
      final boolean same) {
    final List<OutputArtifact> again = new ArrayList<>();
    for (final OutputArtifact o : out) {
      again.add(
          same || o.getDigest() == null
              ? o
              : output(o.getName(), digest("rerun" + runs + "/" + o.getName())));
    }
    run(step, in, again, 99);
  }

  /** Two runs, each reading what the other wrote. */
  private void cycle() {
    final String x = prefix + "cy0";
    final String y = prefix + "cy1";
    run("prepare", List.of(input(x, digest("cyX"))), List.of(output(y, digest("cyY"))), 99);
    run("train", List.of(input(y, digest("cyY"))), List.of(output(x, digest("cyX"))), 99);
  }

  /** A chain of {@code length} runs, each reading what the one before wrote. */
  private void chain(final int length) {
    for (int k = 0; k < length; k++) {
      run(
          "evaluate",
          List.of(input(prefix + "chain" + k, digest("chain" + k))),
          List.of(output(prefix + "chain" + (k + 1), digest("chain" + (k + 1)))),
          99);
    }
  }

  /** Bytes that are no event; a runId reused by another step; an output name with two digests. */
  private void malformed() {
    inputs.add(
        new Input(uuid("garbage"), null, ("not avro " + prefix).getBytes(StandardCharsets.UTF_8)));
    final String reused = uuid("run0");
    final ExecutionEvent other =
        TestEvents.start(reused, "other-step", 1, List.of(input(prefix + "src0", null)));
    send(ExecutionEvent.newBuilder(other).setEventId(TestEvents.eventId(reused, "other")).build());
    if (!produced.isEmpty()) {
      final String[] out = produced.get(0);
      final String runId = uuid("run" + runs++);
      send(
          TestEvents.complete(
              runId,
              "prepare",
              40,
              List.of(),
              List.of(output(out[0], digest("twice a")), output(out[0], digest("twice b")))));
    }
  }

  private void send(final ExecutionEvent... events) {
    for (final ExecutionEvent event : events) {
      inputs.add(new Input(event.getRun().getRunId(), event, null));
    }
  }

  private String digest(final String what) {
    return Digest.sha256(prefix + what).value();
  }

  private String uuid(final String what) {
    return UUID.nameUUIDFromBytes((prefix + what).getBytes(StandardCharsets.UTF_8)).toString();
  }
}
