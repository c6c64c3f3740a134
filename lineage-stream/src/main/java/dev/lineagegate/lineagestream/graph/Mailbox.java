package dev.lineagegate.lineagestream.graph;

import dev.lineagegate.avro.graph.ConsumerEdge;
import dev.lineagegate.avro.graph.Determinism;
import dev.lineagegate.avro.graph.Produced;
import dev.lineagegate.avro.graph.ResolveInput;
import dev.lineagegate.avro.graph.Superseded;
import dev.lineagegate.avro.graph.UpstreamSignal;
import dev.lineagegate.avro.graph.VersionUpdate;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The messages waiting for nodes of this task, first in first out, coalesced: a message that states
 * what its sender now says (a signal, a run's facts, an edge, a version...) replaces one from the
 * same sender to the same node still waiting, keeping its place. A message that is not such a
 * statement (an unlink, a retraction, an alert) is never merged, and messages to its node queued
 * after it are not merged with ones before it, so that no node sees them in another order.
 */
final class Mailbox {

  /** An in-task message: the node it is for and what it says. */
  record Mail(String address, Object body) {}

  private final Map<String, Mail> queue = new LinkedHashMap<>();
  private final Map<String, Integer> epochs = new HashMap<>();
  private long unique;

  void put(final String address, final Object body) {
    final String statement = statement(body);
    if (statement == null) {
      epochs.merge(address, 1, Integer::sum);
      queue.put("#" + unique++, new Mail(address, body));
      return;
    }
    queue.put(
        address + '\u0000' + statement + '\u0000' + epochs.getOrDefault(address, 0),
        new Mail(address, body));
  }

  boolean isEmpty() {
    return queue.isEmpty();
  }

  int size() {
    return queue.size();
  }

  Mail take() {
    final Iterator<Mail> first = queue.values().iterator();
    final Mail mail = first.next();
    first.remove();
    if (queue.isEmpty()) {
      epochs.clear();
    }
    return mail;
  }

  /** What a later message from the same sender replaces, or null for a message never merged. */
  private static String statement(final Object body) {
    if (body instanceof UpstreamSignal signal) {
      return "signal|" + signal.getFrom();
    }
    if (body instanceof Produced produced) {
      return "produced|" + produced.getRun().getRunId();
    }
    if (body instanceof ConsumerEdge edge) {
      return "edge|" + edge.getRunId();
    }
    if (body instanceof ResolveInput input) {
      return "resolve|" + input.getRunId();
    }
    if (body instanceof Superseded) {
      return "superseded";
    }
    if (body instanceof Determinism determinism) {
      return "determinism|" + determinism.getRecipe() + "|" + determinism.getName();
    }
    if (body instanceof VersionUpdate version) {
      return "version|" + version.getArtifact();
    }
    return null;
  }
}
