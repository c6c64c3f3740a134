package dev.lineagegate.lineagestream;

import dev.lineagegate.policy.Policy;
import dev.lineagegate.schema.serde.SerdeFactory;
import java.time.Duration;
import java.util.Objects;

/**
 * What {@link LineageTopology#build} needs: the serdes (built from the registry settings, no I/O
 * until the first record), the policy, and the bounds that keep state and loops finite.
 *
 * @param serdes the one factory of every serde of the topology
 * @param policy the policy file (§7); its SHA-256 is the policyVersion of every verdict
 * @param dedupWindow how long an eventId is remembered to drop duplicates (§3)
 * @param stallCheckInterval how often (wall clock) open runs are checked for RUN_STALLED
 * @param maxDepth the longest chain of runs accepted above an artifact; a longer one is a cycle
 * @param maxStateBytes what every store keeps per key at most, in bytes (its value serialized):
 *     below the broker's record limit (1 MiB by default), since each value is also a changelog
 *     record
 * @param graphPartitions partitions of lineage.graph.v1 (and lineage.events.v1): the routing of
 *     messages between nodes
 * @param workBudget graph messages handled per record; the rest wait in the work queue
 * @param objectCacheBytes decoded values kept in front of the runs, artifact-nodes and name-nodes
 *     stores, in encoded bytes, for all of them and every graph partition together (one instance
 *     owning every task uses all of it)
 */
public record TopologyConfig(
    SerdeFactory serdes,
    Policy policy,
    Duration dedupWindow,
    Duration stallCheckInterval,
    int maxDepth,
    int maxStateBytes,
    int graphPartitions,
    int workBudget,
    long objectCacheBytes) {

  public static final Duration DEFAULT_DEDUP_WINDOW = Duration.ofDays(7);
  public static final Duration DEFAULT_STALL_CHECK = Duration.ofSeconds(30);
  public static final int DEFAULT_MAX_DEPTH = 256;

  /** 768 KiB: a quarter of a 1 MiB record left for the record's framing and other outputs. */
  public static final int DEFAULT_MAX_STATE_BYTES = 768 * 1024;

  /** Enough for a 10,000-descendant change in one record; a larger cascade continues later. */
  public static final int DEFAULT_WORK_BUDGET = 20_000;

  /**
   * 32 MiB of encoded values kept decoded (127 MiB more live heap, measured, with their objects and
   * their bytes by field): in the benchmark's workload, every name node and the artifact nodes of
   * the last ~1,000 pipelines (docs/LINEAGE-STREAM.md, "Decoded state").
   */
  public static final long DEFAULT_OBJECT_CACHE_BYTES = 32L * 1024 * 1024;

  /** Stores with decoded values kept in front of them: runs, artifact-nodes, name-nodes. */
  public static final int OBJECT_CACHED_STORES = 3;

  /** The largest bound that still fits a broker with Kafka's default 1 MiB record limit. */
  public static final int MAX_STATE_BYTES = 1_000_000;

  public TopologyConfig {
    Objects.requireNonNull(serdes, "serdes");
    Objects.requireNonNull(policy, "policy");
    if (dedupWindow.isNegative() || dedupWindow.isZero()) {
      throw new IllegalArgumentException("dedupWindow must be positive, got " + dedupWindow);
    }
    if (stallCheckInterval.isNegative() || stallCheckInterval.isZero()) {
      throw new IllegalArgumentException(
          "stallCheckInterval must be positive, got " + stallCheckInterval);
    }
    if (maxDepth < 2) {
      throw new IllegalArgumentException("maxDepth must be at least 2, got " + maxDepth);
    }
    if (graphPartitions < 1) {
      throw new IllegalArgumentException(
          "graphPartitions must be positive, got " + graphPartitions);
    }
    if (workBudget < 1) {
      throw new IllegalArgumentException("workBudget must be positive, got " + workBudget);
    }
    if (objectCacheBytes < 0) {
      throw new IllegalArgumentException(
          "objectCacheBytes must not be negative, got " + objectCacheBytes);
    }
    if (maxStateBytes < 64 * 1024 || maxStateBytes > MAX_STATE_BYTES) {
      throw new IllegalArgumentException(
          "maxStateBytes must be between 64 KiB and "
              + MAX_STATE_BYTES
              + " bytes, got "
              + maxStateBytes);
    }
  }

  /** With the default bound on state per key, one graph partition, the default budget. */
  public TopologyConfig(
      final SerdeFactory serdes,
      final Policy policy,
      final Duration dedupWindow,
      final Duration stallCheckInterval,
      final int maxDepth) {
    this(serdes, policy, dedupWindow, stallCheckInterval, maxDepth, DEFAULT_MAX_STATE_BYTES);
  }

  /** With one graph partition and the default budget. */
  public TopologyConfig(
      final SerdeFactory serdes,
      final Policy policy,
      final Duration dedupWindow,
      final Duration stallCheckInterval,
      final int maxDepth,
      final int maxStateBytes) {
    this(
        serdes,
        policy,
        dedupWindow,
        stallCheckInterval,
        maxDepth,
        maxStateBytes,
        1,
        DEFAULT_WORK_BUDGET,
        DEFAULT_OBJECT_CACHE_BYTES);
  }

  /** This config for a graph of {@code partitions} partitions. */
  public TopologyConfig withGraphPartitions(final int partitions) {
    return new TopologyConfig(
        serdes,
        policy,
        dedupWindow,
        stallCheckInterval,
        maxDepth,
        maxStateBytes,
        partitions,
        workBudget,
        objectCacheBytes);
  }

  /** This config with {@code budget} messages per record. */
  public TopologyConfig withWorkBudget(final int budget) {
    return new TopologyConfig(
        serdes,
        policy,
        dedupWindow,
        stallCheckInterval,
        maxDepth,
        maxStateBytes,
        graphPartitions,
        budget,
        objectCacheBytes);
  }

  /** This config with {@code bytes} of decoded values kept (0: none, every get decodes). */
  public TopologyConfig withObjectCacheBytes(final long bytes) {
    return new TopologyConfig(
        serdes,
        policy,
        dedupWindow,
        stallCheckInterval,
        maxDepth,
        maxStateBytes,
        graphPartitions,
        workBudget,
        bytes);
  }

  /** What one store of one task keeps decoded: an equal share of {@link #objectCacheBytes}. */
  public long objectCacheBytesPerStore() {
    return objectCacheBytes / ((long) OBJECT_CACHED_STORES * graphPartitions);
  }

  public static TopologyConfig of(final SerdeFactory serdes, final Policy policy) {
    return new TopologyConfig(
        serdes,
        policy,
        DEFAULT_DEDUP_WINDOW,
        DEFAULT_STALL_CHECK,
        DEFAULT_MAX_DEPTH,
        DEFAULT_MAX_STATE_BYTES,
        1,
        DEFAULT_WORK_BUDGET,
        DEFAULT_OBJECT_CACHE_BYTES);
  }
}
