package dev.lineagegate.lineagestream.query;

import dev.lineagegate.avro.ExecutionEvent;
import dev.lineagegate.avro.Verdict;
import dev.lineagegate.avro.VerdictStatus;
import dev.lineagegate.avro.graph.ArtifactNode;
import dev.lineagegate.avro.graph.ConsumerEdge;
import dev.lineagegate.avro.graph.NameNode;
import dev.lineagegate.avro.graph.RunFacts;
import dev.lineagegate.avro.graph.VersionUpdate;
import dev.lineagegate.lineagestream.graph.Address;
import dev.lineagegate.testkit.TestEvents;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The three stores in memory, filled as the topology would leave them by completed runs that read
 * and write names without digests: each output a derived version of its name, each input linked to
 * the newest version of its name (or its source node).
 */
public final class MemoryGraph implements NodeSource {

  private final Map<String, ArtifactNode> artifacts = new HashMap<>();
  private final Map<String, List<ConsumerEdge>> consumers = new HashMap<>();
  private final Map<String, NameNode> names = new HashMap<>();
  private int minute;

  /** A run of {@code step} that read {@code inputs} and wrote {@code output}, all PASS. */
  public MemoryGraph run(final String step, final List<String> inputs, final String output) {
    return run(step, inputs, output, VerdictStatus.PASS);
  }

  public MemoryGraph run(
      final String step,
      final List<String> inputs,
      final String output,
      final VerdictStatus status) {
    minute++;
    final String runId = TestEvents.runId(minute);
    final ExecutionEvent event =
        TestEvents.complete(
            runId,
            step,
            minute,
            inputs.stream().map(n -> TestEvents.input(n, null)).toList(),
            List.of(TestEvents.output(output, null)));
    final String version = Address.derived(output, runId);
    for (final String input : inputs) {
      final String linked = newest(input).orElse(Address.source(input));
      consumers
          .computeIfAbsent(linked, k -> new ArrayList<>())
          .add(
              ConsumerEdge.newBuilder()
                  .setInput(linked)
                  .setRunId(runId)
                  .setInputName(input)
                  .setOutputs(List.of(version))
                  .setUnversioned(true)
                  .setSource(linked.equals(Address.source(input)))
                  .setStep(step)
                  .build());
    }
    final RunFacts facts =
        RunFacts.newBuilder()
            .setRunId(runId)
            .setMerged(event)
            .setEndedAt(event.getEventTime())
            .setRecipe(TestEvents.RECIPE.value())
            .build();
    artifacts.put(
        version,
        ArtifactNode.newBuilder()
            .setArtifact(version)
            .setName(output)
            .setDerived(true)
            .setProducers(List.of(facts))
            .setVerdict(
                Verdict.newBuilder(TestEvents.modelVerdict())
                    .setArtifact(version)
                    .setName(output)
                    .setStatus(status)
                    .build())
            .build());
    final NameNode name =
        names.computeIfAbsent(output, n -> new NameNode(n, new ArrayList<>(), new ArrayList<>()));
    final List<VersionUpdate> versions = new ArrayList<>(name.getVersions());
    versions.add(
        0,
        VersionUpdate.newBuilder()
            .setName(output)
            .setArtifact(version)
            .setRunId(runId)
            .setProducedAt(event.getEventTime())
            .setStatus(status)
            .build());
    name.setVersions(versions);
    return this;
  }

  /** The source node a name gets when it is read before any version exists. */
  public MemoryGraph source(final String name) {
    final String digest = Address.source(name);
    artifacts.put(
        digest,
        ArtifactNode.newBuilder().setArtifact(digest).setName(name).setDerived(true).build());
    return this;
  }

  @Override
  public Optional<ArtifactNode> artifact(final String digest) {
    return Optional.ofNullable(artifacts.get(digest));
  }

  @Override
  public List<ConsumerEdge> consumers(final String digest) {
    return consumers.getOrDefault(digest, List.of());
  }

  @Override
  public Optional<NameNode> name(final String name) {
    return Optional.ofNullable(names.get(name));
  }

  private Optional<String> newest(final String name) {
    return Optional.ofNullable(names.get(name))
        .flatMap(n -> n.getVersions().stream().findFirst())
        .map(VersionUpdate::getArtifact);
  }
}
