package dev.lineagegate.lineagestream.oracle.graph;

import dev.lineagegate.schema.id.Digest;

/**
 * Keys of {@code lineage.graph.v1}: the address of the node a message is for. Artifact digests are
 * used as they are ({@code sha256:…}); names and recipes get a prefix so that the three kinds of
 * node never collide and one processor can tell them apart.
 */
public final class Address {

  public static final String NAME = "name:";
  public static final String RECIPE = "recipe:";

  private Address() {}

  public static String name(final String name) {
    return NAME + name;
  }

  public static String recipe(final String recipe) {
    return RECIPE + recipe;
  }

  /**
   * The identity of the unversioned source node of {@code name} (DESIGN.md §2): {@code
   * sha256("source:" + name)}, what inputs of that name read while it has no version.
   */
  public static String source(final String name) {
    return Digest.sha256("source:" + name).value();
  }

  /** The identity of an output reported without a digest (DESIGN.md §2). */
  public static String derived(final String name, final String runId) {
    return Digest.sha256(name + "@" + runId).value();
  }

  /** Key of the edges store: the consumers of one artifact share its prefix, for a prefix scan. */
  public static String edge(final String input, final String runId) {
    return input + "|" + runId;
  }

  public static String edgePrefix(final String input) {
    return input + "|";
  }
}
