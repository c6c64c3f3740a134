package dev.lineagegate.lineagestream.graph;

import dev.lineagegate.avro.Alert;
import dev.lineagegate.avro.VerdictStatus;
import dev.lineagegate.avro.graph.NameNode;
import dev.lineagegate.avro.graph.ReadUnder;
import dev.lineagegate.avro.graph.ResolveInput;
import dev.lineagegate.avro.graph.Superseded;
import dev.lineagegate.avro.graph.VersionUpdate;
import dev.lineagegate.lineagestream.run.Shallow;
import dev.lineagegate.service.state.StateLimitException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node of one name: its versions, newest first (ordered by the time their producing run ended,
 * DESIGN.md §2). It tells each older version the next newer one (SUPERSEDED_INPUT), links inputs
 * named without a digest to the newest version, and gives alerts their rollback candidate.
 */
final class NameHandler {

  private static final Logger LOG = LoggerFactory.getLogger(NameHandler.class);

  /** Versions kept per name; older ones are forgotten (they stay superseded). */
  static final int MAX_VERSIONS = 1000;

  /** Digests read under a name but not among its versions, kept for the name-level query. */
  static final int MAX_READ = 20;

  private static final Comparator<VersionUpdate> NEWEST_FIRST =
      Comparator.comparing(
              VersionUpdate::getProducedAt,
              Comparator.nullsLast(Comparator.<Instant>reverseOrder()))
          .thenComparing(VersionUpdate::getArtifact);

  private final KeyValueStore<String, NameNode> names;
  private final NameLinker linker;
  private final Outbox out;

  NameHandler(
      final KeyValueStore<String, NameNode> names, final NameLinks links, final Outbox out) {
    this.names = names;
    this.linker = new NameLinker(links, out);
    this.out = out;
  }

  void version(final String address, final VersionUpdate update) {
    final NameNode node = load(address, update.getName());
    final List<VersionUpdate> versions = new ArrayList<>(node.getVersions());
    // One pass for the version already listed (a name lists up to 1,000): three scans and an Avro
    // comparison of every version were a tenth of the stream thread (issue #14).
    final int at = indexOf(versions, update.getArtifact());
    final VersionUpdate before = at < 0 ? null : versions.get(at);
    update.setSupersededBy(before == null ? null : before.getSupersededBy());
    if (update.equals(before)) {
      return; // nothing new: a status the name already knows
    }
    if (at >= 0) {
      versions.remove(at);
    }
    versions.add(update);
    versions.sort(NEWEST_FIRST);
    // What a failed run left behind is listed but supersedes nothing: the newest version is the
    // newest a run completed.
    final int newestAt = indexOfNewest(versions);
    if (NameLinker.linksDependOn(before, update)) {
      linker.versionsChanged(node.getName(), versions, update);
    }
    if (newestAt < 0) {
      node.setVersions(versions);
      store(address, node);
      return;
    }
    // Each version is superseded by the next newer one a run completed: the same whatever order
    // the versions arrive in, and a new version changes one or two older ones, not all of them.
    VersionUpdate newer = versions.get(newestAt);
    final List<Superseded> superseded = new ArrayList<>();
    for (int i = newestAt + 1; i < versions.size(); i++) {
      final VersionUpdate older = versions.get(i);
      if (older.getProducedAt() != null && !newer.getArtifact().equals(older.getSupersededBy())) {
        // A copy: the listed version may be the stored node's (values are kept decoded).
        final VersionUpdate changed = Shallow.copy(older);
        changed.setSupersededBy(newer.getArtifact());
        versions.set(i, changed);
        superseded.add(new Superseded(older.getArtifact(), newer.getArtifact(), node.getName()));
      }
      if (!older.getFailed()) {
        newer = older;
      }
    }
    if (versions.size() > MAX_VERSIONS) {
      LOG.debug(
          "{} keeps its newest {} versions; older ones stay superseded", address, MAX_VERSIONS);
    }
    node.setVersions(versions.size() > MAX_VERSIONS ? versions.subList(0, MAX_VERSIONS) : versions);
    store(address, node);
    superseded.forEach(message -> out.send(message.getArtifact(), message));
  }

  /**
   * Stores {@code node}; when its versions would take more than the store keeps per key (long
   * names), the oldest are forgotten until they fit: they stay superseded, and the newest versions
   * are what links, rollbacks and queries need.
   */
  private void store(final String address, final NameNode node) {
    while (true) {
      try {
        names.put(address, node);
        return;
      } catch (StateLimitException e) {
        final int keep = node.getVersions().size() * 3 / 4;
        if (keep == 0) {
          LOG.error("{} cannot be stored even without versions: {}", address, e.getMessage());
          return;
        }
        LOG.warn("{} keeps its newest {} versions: {}", address, keep, e.getMessage());
        node.setVersions(new ArrayList<>(node.getVersions().subList(0, keep)));
      }
    }
  }

  /**
   * Remembers a digest read under this name that is not one of its versions (a raw source read by
   * digest), most recent first: the name-level query finds the name, and its readers, through it.
   */
  void read(final String address, final ReadUnder read) {
    final NameNode node = load(address, read.getName());
    if (node.getRead().contains(read.getArtifact())) {
      return;
    }
    final List<String> digests = new ArrayList<>();
    digests.add(read.getArtifact());
    digests.addAll(node.getRead());
    node.setRead(digests.size() > MAX_READ ? digests.subList(0, MAX_READ) : digests);
    store(address, node);
  }

  /** Links an input named without a digest to a node of its name (see {@link NameLinker}). */
  void resolve(final String address, final ResolveInput input) {
    final NameNode node = names.get(address);
    linker.resolve(input, node == null ? List.of() : node.getVersions());
  }

  private static int indexOf(final List<VersionUpdate> versions, final String artifact) {
    for (int i = 0; i < versions.size(); i++) {
      if (versions.get(i).getArtifact().equals(artifact)) {
        return i;
      }
    }
    return -1;
  }

  private static int indexOfNewest(final List<VersionUpdate> newestFirst) {
    for (int i = 0; i < newestFirst.size(); i++) {
      if (!newestFirst.get(i).getFailed()) {
        return i;
      }
    }
    return -1;
  }

  /** Completes an alert with the newest PASS version of the name, and raises it. */
  void alert(final String address, final Alert alert) {
    final NameNode node = names.get(address);
    if (node != null) {
      node.getVersions().stream()
          .filter(v -> !v.getArtifact().equals(alert.getArtifact()))
          .filter(v -> v.getStatus() == VerdictStatus.PASS)
          .findFirst()
          .ifPresent(v -> alert.setRollbackCandidate(v.getArtifact()));
    }
    out.alert(alert);
  }

  private NameNode load(final String address, final String name) {
    final NameNode stored = names.get(address);
    return stored != null ? stored : new NameNode(name, new ArrayList<>(), new ArrayList<>());
  }
}
