package dev.lineagegate.lineagestream.query;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lineagegate.avro.Verdict;
import dev.lineagegate.avro.graph.NameNode;
import dev.lineagegate.avro.graph.VersionUpdate;
import dev.lineagegate.lineagestream.query.LineageGraph.Direction;
import dev.lineagegate.schema.id.Digest;
import dev.lineagegate.schema.json.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The queries of DESIGN.md §6.3 over the stores, wherever they are: validation of what was asked,
 * then the answer as JSON (or a {@link LineageGraph}). No HTTP here.
 */
public final class QueryService {

  public static final int DEFAULT_DEPTH = 3;
  public static final int MAX_DEPTH = 20;
  public static final int MAX_NODES = 500;

  /** The formats of a lineage graph: JSON (the default) and Graphviz DOT. */
  public static final Set<String> FORMATS = Set.of("json", "dot");

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final NodeSource source;

  public QueryService(final NodeSource source) {
    this.source = source;
  }

  public ObjectNode verdict(final String digest) {
    final Verdict verdict =
        source
            .artifact(digest(digest))
            .map(node -> node.getVerdict())
            .orElseThrow(() -> new NotFound("no verdict for " + digest));
    return VerdictJson.of(verdict);
  }

  public ObjectNode versions(final String name) {
    // A name only read by digest has a node too (for the name-level query), but no version.
    final NameNode node =
        source
            .name(name)
            .filter(n -> !n.getVersions().isEmpty())
            .orElseThrow(() -> new NotFound("no artifact named " + name + " known"));
    final ObjectNode json = NODES.objectNode();
    json.put("name", node.getName());
    final ArrayNode versions = json.putArray("versions");
    for (final VersionUpdate version : node.getVersions()) {
      final ObjectNode v = versions.addObject();
      v.put("digest", version.getArtifact());
      v.put("producingRunId", version.getRunId());
      v.put(
          "producedAt",
          version.getProducedAt() == null ? null : version.getProducedAt().toString());
      v.put("status", version.getStatus() == null ? null : version.getStatus().name());
    }
    return json;
  }

  /**
   * {@code direction}, {@code depth} and {@code format} as given in the query string (null =
   * default), all checked before the walk: every wrong parameter is named at once, whether or not
   * the digest is known.
   */
  public LineageGraph lineage(
      final String digest, final String direction, final String depth, final String format) {
    final List<FieldError> errors = new ArrayList<>();
    final String root = check(() -> digest(digest), errors);
    final Direction towards = check(() -> direction(direction), errors);
    final Integer runs = check(() -> depth(depth), errors);
    checkFormat(format, errors);
    if (!errors.isEmpty()) {
      throw new BadRequest(errors.get(0).pointer(), errors.get(0).message())
          .and(errors.subList(1, errors.size()));
    }
    return new LineageWalk(source, MAX_NODES).walk(root, towards, runs);
  }

  private static <T> T check(final Supplier<T> read, final List<FieldError> errors) {
    try {
      return read.get();
    } catch (BadRequest e) {
      errors.addAll(e.errors());
      return null;
    }
  }

  /**
   * The name-level graph around {@code name} (datasets and jobs); {@code direction}, {@code depth}
   * (in jobs) and {@code format} as given in the query string, all checked before the walk.
   */
  public NameGraph nameLineage(
      final String name, final String direction, final String depth, final String format) {
    final List<FieldError> errors = new ArrayList<>();
    if (name == null || name.isBlank()) {
      errors.add(
          new FieldError(
              "/name", "name is required: /v1/lineage?name=<name> (or /v1/lineage/<digest>)"));
    }
    final Direction towards = check(() -> direction(direction), errors);
    final Integer jobs = check(() -> depth(depth), errors);
    checkFormat(format, errors);
    if (!errors.isEmpty()) {
      throw new BadRequest(errors.get(0).pointer(), errors.get(0).message())
          .and(errors.subList(1, errors.size()));
    }
    return new NameWalk(source, MAX_NODES).walk(name, towards, jobs);
  }

  private static void checkFormat(final String format, final List<FieldError> errors) {
    if (format != null && !FORMATS.contains(format)) {
      errors.add(new FieldError("/format", "format must be json or dot, got \"" + format + "\""));
    }
  }

  private static String digest(final String text) {
    if (!Digest.isValid(text)) {
      throw new BadRequest(
          "/digest", "not a digest: \"" + text + "\" (expected sha256:<64 lowercase hex>)");
    }
    return text;
  }

  private static Direction direction(final String text) {
    if (text == null) {
      return Direction.BOTH;
    }
    try {
      return Direction.valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new BadRequest(
          "/direction", "direction must be upstream, downstream or both, got \"" + text + "\"");
    }
  }

  private static int depth(final String text) {
    if (text == null) {
      return DEFAULT_DEPTH;
    }
    try {
      final int depth = Integer.parseInt(text);
      if (depth >= 1 && depth <= MAX_DEPTH) {
        return depth;
      }
    } catch (NumberFormatException e) {
      // falls through to the one message
    }
    throw new BadRequest(
        "/depth", "depth must be a whole number from 1 to " + MAX_DEPTH + ", got \"" + text + "\"");
  }
}
