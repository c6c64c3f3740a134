package dev.lineagegate.stack.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lineagegate.stack.fuzz.FuzzCase.Expect;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * OpenLineage's own examples, read where they are (the project's copy of the OpenLineage
 * repository, {@code /work/shared/openlineage} by default), never copied: the fluentd proxy's
 * events (six of them deliberately invalid), the spec's full example event, and every facet example
 * of the spec's tests merged into a valid event at the place its name says (run, job, dataset,
 * input or output facet).
 */
final class OpenLineageCorpus {

  /** Where the examples are looked for when no directory is given. */
  static final List<Path> DEFAULT_DIRS =
      List.of(
          Path.of("/work/shared/openlineage"),
          Path.of("../ingest/src/test/resources/openlineage"),
          Path.of("ingest/src/test/resources/openlineage"));

  /**
   * An example and the answer it gets unmutated. Default settings: lenient OpenLineage, so a facet
   * that breaks its schema is accepted with warnings (201), as Marquez accepts it; only what the
   * mapping cannot get past (no runId) is refused.
   */
  record Example(String name, ObjectNode doc, Expect expect) {}

  private static final Map<String, Expect> FLUENTD =
      Map.of(
          "event_full.json", Expect.ACCEPTED,
          "event_simple.json", Expect.ACCEPTED,
          "event_invalid_input_dataset_facet.json", Expect.ACCEPTED,
          "event_invalid_dataset_facet.json", Expect.ACCEPTED,
          "event_invalid_job_facet.json", Expect.ACCEPTED,
          "event_invalid_output_dataset_facet.json", Expect.ACCEPTED,
          "event_invalid_run_facet.json", Expect.ACCEPTED,
          "event_no_run_id.json", Expect.REFUSED);

  private OpenLineageCorpus() {}

  static Path locate(final Path given) {
    if (given != null) {
      return given;
    }
    return DEFAULT_DIRS.stream()
        .filter(dir -> Files.isDirectory(dir.resolve("proxy/fluentd/events")))
        .findFirst()
        .orElseThrow(
            () -> new IllegalStateException("no OpenLineage examples in any of " + DEFAULT_DIRS));
  }

  static List<Example> load(final ObjectMapper mapper, final Path dir) {
    final List<Example> examples = new ArrayList<>();
    FLUENTD.keySet().stream()
        .sorted()
        .forEach(
            name ->
                examples.add(
                    new Example(
                        name,
                        read(mapper, dir.resolve("proxy/fluentd/events/" + name)),
                        FLUENTD.get(name))));
    final Path tests = dir.resolve("spec/tests");
    final ObjectNode simple = read(mapper, dir.resolve("proxy/fluentd/events/event_simple.json"));
    examples.add(
        new Example(
            "example_full_event.json",
            read(mapper, tests.resolve("example_full_event.json")),
            Expect.ACCEPTED));
    for (final Path file : facetExamples(tests)) {
      final ObjectNode fragment = read(mapper, file);
      final String place = place(file, fragment);
      if (place != null) {
        final ObjectNode doc = simple.deepCopy();
        facets(doc, place).setAll(fragment);
        examples.add(new Example(tests.relativize(file).toString(), doc, Expect.ANY));
      }
    }
    return examples;
  }

  /**
   * The facets object of {@code doc} where a facet of kind {@code place} goes, created if needed.
   */
  static ObjectNode facets(final ObjectNode doc, final String place) {
    return switch (place) {
      case "run" -> object(object(doc, "run"), "facets");
      case "job" -> object(object(doc, "job"), "facets");
      case "input" -> object(first(doc, "inputs"), "inputFacets");
      case "output" -> object(first(doc, "outputs"), "outputFacets");
      default -> object(first(doc, "outputs"), "facets");
    };
  }

  /** From the facet's own definition name ({@code _schemaURL} fragment), else its directory. */
  private static String place(final Path file, final JsonNode fragment) {
    String kind = file.getParent().getFileName().toString();
    for (final JsonNode facet : fragment) {
      final String url = facet.path("_schemaURL").asText("");
      if (url.contains("/$defs/")) {
        kind = url.substring(url.lastIndexOf('/') + 1);
      }
    }
    if (kind.endsWith("InputDatasetFacet")) {
      return "input";
    }
    if (kind.endsWith("OutputDatasetFacet")) {
      return "output";
    }
    if (kind.endsWith("DatasetFacet")) {
      return "dataset";
    }
    if (kind.endsWith("JobFacet")) {
      return "job";
    }
    return kind.endsWith("RunFacet") ? "run" : null;
  }

  private static List<Path> facetExamples(final Path tests) {
    try (Stream<Path> files = Files.walk(tests, 2)) {
      return files
          .filter(f -> f.getNameCount() > tests.getNameCount() + 1)
          .filter(f -> f.toString().endsWith(".json"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ObjectNode first(final ObjectNode doc, final String field) {
    final ArrayNode array =
        doc.get(field) instanceof ArrayNode existing ? existing : doc.putArray(field);
    if (array.isEmpty()) {
      array.addObject().put("namespace", "fuzz").put("name", field);
    }
    return (ObjectNode) array.get(0);
  }

  private static ObjectNode object(final ObjectNode parent, final String field) {
    return parent.get(field) instanceof ObjectNode existing ? existing : parent.putObject(field);
  }

  private static ObjectNode read(final ObjectMapper mapper, final Path file) {
    try {
      return (ObjectNode) mapper.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
