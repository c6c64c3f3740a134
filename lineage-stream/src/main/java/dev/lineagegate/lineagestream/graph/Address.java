package dev.lineagegate.lineagestream.graph;

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

  /** Key of the edges store: the consumers of one artifact share its prefix, for a prefix scan. */
  public static String edge(final String input, final String runId) {
    return input + "|" + runId;
  }

  public static String edgePrefix(final String input) {
    return input + "|";
  }
}
