package dev.lineagegate.lineagestream.graph;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Utils;

/**
 * Which partition of {@code lineage.graph.v1} (and so which task) owns a node: the partition
 * Kafka's default partitioner gives the node's address as a record key (murmur2 of its UTF-8
 * bytes), so that a message sent through the topic and a message delivered in the task agree.
 */
public final class Partitions {

  private Partitions() {}

  public static int of(final String address, final int partitions) {
    return Utils.toPositive(Utils.murmur2(address.getBytes(StandardCharsets.UTF_8))) % partitions;
  }
}
