package dev.lineagegate.stack.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lineagegate.stack.fuzz.FuzzCase.Route;
import dev.lineagegate.stack.fuzz.OpenLineageCorpus.Example;
import dev.lineagegate.stack.fuzz.RequestMutations.Mutation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * OpenLineage events ({@code POST /api/v1/lineage}, and a third of them also through the Kafka
 * bridge) from {@link OpenLineageCorpus}, each with its own runId and output names, and a {@code
 * version} facet giving each output a fresh digest, so that a refused event can be looked for among
 * the verdicts as a native one is.
 */
final class OpenLineageCases {

  static final String PATH = "/api/v1/lineage";

  /** Bridged records stay under Kafka's 1 MB record limit; the HTTP limit is checked by HTTP. */
  static final int MAX_BRIDGED = 900_000;

  /** The event types whose outputs are mapped (START, RUNNING and OTHER drop them). */
  private static final Set<String> WITH_OUTPUTS = Set.of("COMPLETE", "FAIL", "ABORT");

  private final ObjectMapper mapper;
  private final long seed;
  private final List<Example> events;
  private final List<Example> facets;
  private final RequestMutations requests;

  OpenLineageCases(final ObjectMapper mapper, final long seed, final Path dir) {
    this.mapper = mapper;
    this.seed = seed;
    final List<Example> all = OpenLineageCorpus.load(mapper, dir);
    this.events = all.stream().filter(e -> !e.name().contains("/")).toList();
    this.facets = all.stream().filter(e -> e.name().contains("/")).toList();
    final Oversize oversize = new Oversize(mapper, NativeCases.MAX_BODY);
    this.requests = new RequestMutations(new BodyMutations(mapper, oversize), oversize, true);
  }

  FuzzCase build(final long number, final Random random) {
    final List<Example> from = facets.isEmpty() || random.nextBoolean() ? events : facets;
    final Example example = from.get(random.nextInt(from.size()));
    final List<String> digests = new ArrayList<>();
    final Shape shape = shape(example, number, digests);
    final Mutation mutation = requests.mutate(PATH, shape, random);
    final boolean bridged =
        random.nextInt(3) == 0
            && !mutation.request().raw()
            && "application/json".equals(mutation.request().headers().get("Content-Type"))
            && mutation.request().body().length <= MAX_BRIDGED;
    return new FuzzCase(
        number,
        Route.OPENLINEAGE,
        example.name() + ":" + mutation.kind(),
        mutation.request(),
        mutation.expect(),
        digests,
        bridged);
  }

  /** A valid COMPLETE with one output, whose digest goes to {@code digests}: a canary. */
  byte[] canary(final long number, final List<String> digests) {
    final Example simple =
        events.stream().filter(e -> e.name().equals("event_simple.json")).findFirst().orElseThrow();
    return BodyEdits.write(mapper, shape(simple, number, digests).doc());
  }

  /** {@code example} made case {@code number}'s own; the output digests go to {@code digests}. */
  Shape shape(final Example example, final long number, final List<String> digests) {
    final ObjectNode doc = example.doc().deepCopy();
    if (doc.get("run") instanceof ObjectNode run && run.has("runId")) {
      run.put("runId", Values.uuid(seed, number, "ol-run"));
    }
    int i = 0;
    for (final JsonNode output : doc.path("outputs")) {
      if (output instanceof ObjectNode dataset) {
        final String digest = Values.digest(seed, number, "ol-out" + i);
        dataset.put(
            "name", dataset.path("name").asText() + "/fuzz/" + seed + "/" + number + "/" + i++);
        final ObjectNode facets =
            dataset.get("facets") instanceof ObjectNode f ? f : dataset.putObject("facets");
        facets
            .putObject("version")
            .put("_producer", "https://lineage-gate.dev/fuzz")
            .put(
                "_schemaURL",
                "https://openlineage.io/spec/facets/1-0-0/DatasetVersionDatasetFacet.json")
            .put("datasetVersion", digest);
        digests.add(digest);
      }
    }
    final boolean outputsMapped = WITH_OUTPUTS.contains(doc.path("eventType").asText());
    return new Shape(
        doc,
        example.expect(),
        NativeCases.pointers(
            doc,
            outputsMapped
                ? new String[] {
                  "/job/namespace",
                  "/job/name",
                  "/inputs/*/namespace",
                  "/inputs/*/name",
                  "/outputs/*/namespace",
                  "/outputs/*/name"
                }
                : new String[] {
                  "/job/namespace", "/job/name", "/inputs/*/namespace", "/inputs/*/name"
                }),
        NativeCases.pointers(doc, "/eventTime"),
        // Not /run nor /job: without them a document is a DatasetEvent or JobEvent (201).
        NativeCases.pointers(doc, "/eventTime", "/run/runId", "/job/namespace", "/job/name"),
        List.of(),
        false,
        true,
        Integer.MAX_VALUE);
  }
}
