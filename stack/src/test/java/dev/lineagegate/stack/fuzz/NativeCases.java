package dev.lineagegate.stack.fuzz;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lineagegate.avro.ExecutionEvent;
import dev.lineagegate.schema.contract.EventLimits;
import dev.lineagegate.schema.json.ExecutionEventJson;
import dev.lineagegate.stack.fuzz.BodyMutations.Mutated;
import dev.lineagegate.stack.fuzz.FuzzCase.Expect;
import dev.lineagegate.stack.fuzz.FuzzCase.Request;
import dev.lineagegate.stack.fuzz.FuzzCase.Route;
import dev.lineagegate.stack.fuzz.RequestMutations.Mutation;
import dev.lineagegate.testkit.TestEvents;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Native events ({@code POST /v1/events}) from the {@link TestEvents} fixtures, each case with its
 * own event ids, run id and output digests, changed by {@link RequestMutations}; and arrays of
 * them, one element changed or none, up to the batch limits (10,001 events; 1,000 of 1 KB).
 */
final class NativeCases {

  static final String PATH = "/v1/events";
  static final int MAX_BODY = 1_048_576;

  private static final List<Supplier<ExecutionEvent>> FIXTURES =
      List.of(
          TestEvents::trainStart,
          TestEvents::trainComplete,
          TestEvents::trainFail,
          TestEvents::minimalStart,
          () ->
              TestEvents.complete(
                  TestEvents.runId(1),
                  "evaluate",
                  5,
                  List.of(TestEvents.input(TestEvents.MODEL, TestEvents.MODEL_V1)),
                  List.of(
                      TestEvents.output("report.html", TestEvents.MODEL_V0),
                      TestEvents.output("metrics.json", TestEvents.RECIPE))));

  private final ExecutionEventJson json;
  private final long seed;
  private final BodyMutations bodies;
  private final RequestMutations requests;
  private final BigBatches big;

  NativeCases(final ObjectMapper mapper, final long seed) {
    this.json = new ExecutionEventJson(mapper);
    this.seed = seed;
    final Oversize oversize = new Oversize(mapper, MAX_BODY);
    this.bodies = new BodyMutations(mapper, oversize);
    this.requests = new RequestMutations(bodies, oversize, true);
    this.big = new BigBatches(mapper, seed);
  }

  FuzzCase build(final long number, final Random random) {
    final int roll = random.nextInt(1000);
    if (roll < 4) {
      return big.build(number, random);
    }
    if (roll < 84) {
      return batch(number, random);
    }
    final Shape shape = shape(number, 0, random);
    final Mutation mutation = requests.mutate(PATH, shape, random);
    return new FuzzCase(
        number,
        Route.EVENTS,
        mutation.kind(),
        mutation.request(),
        mutation.expect(),
        digests(shape.doc()),
        false);
  }

  /** 2 to 20 events, one of them changed half of the time: refused whole or accepted whole. */
  private FuzzCase batch(final long number, final Random random) {
    final int size = 2 + random.nextInt(19);
    final int changed = random.nextBoolean() ? random.nextInt(size) : -1;
    final List<byte[]> elements = new ArrayList<>();
    final List<String> digests = new ArrayList<>();
    Expect expect = Expect.ACCEPTED;
    String kind = "batch:" + size;
    for (int i = 0; i < size; i++) {
      final Shape shape = shape(number, i, random);
      digests.addAll(digests(shape.doc()));
      if (i == changed) {
        final Mutated mutated = bodies.mutate(shape, random);
        elements.add(mutated.body());
        kind += ":" + mutated.kind();
        expect = mutated.expect();
      } else {
        elements.add(bodies.write(shape.doc()));
      }
    }
    final byte[] body = BodyEdits.concat(join(elements));
    if (body.length > MAX_BODY) {
      expect = Expect.early(413);
    }
    return new FuzzCase(
        number,
        Route.EVENTS,
        kind,
        Request.post(PATH, "application/json", body),
        expect,
        digests,
        false);
  }

  /** A fixture as the document of event {@code index} of case {@code number}. */
  Shape shape(final long number, final int index, final Random random) {
    final ObjectNode doc = json.write(FIXTURES.get(random.nextInt(FIXTURES.size())).get());
    doc.put("eventId", Values.uuid(seed, number, "event/" + index));
    ((ObjectNode) doc.get("run")).put("runId", Values.uuid(seed, number, "run/" + index));
    int i = 0;
    for (final JsonNode output : doc.path("outputs")) {
      ((ObjectNode) output).put("name", "fuzz/" + seed + "/" + number + "/out" + i);
      ((ObjectNode) output).put("digest", Values.digest(seed, number, index + "/out" + i++));
    }
    return new Shape(
        doc,
        Expect.ACCEPTED,
        pointers(
            doc, "/run/step", "/run/pipeline", "/run/owner", "/inputs/*/name", "/outputs/*/name"),
        pointers(doc, "/eventTime", "/inputs/*/producedAt"),
        pointers(doc, "/eventId", "/eventType", "/eventTime", "/run", "/run/runId", "/run/step"),
        pointers(
            doc,
            "/config/digest",
            "/environment/digest",
            "/environment/lockfile",
            "/inputs/*/digest",
            "/outputs/*/digest"),
        true,
        false,
        EventLimits.EVENT_BYTES);
  }

  /** The output digests of a native event (what would get verdicts). */
  static List<String> digests(final JsonNode doc) {
    final List<String> digests = new ArrayList<>();
    doc.path("outputs").forEach(o -> digests.add(o.path("digest").asText()));
    return digests;
  }

  /** {@code paths}, with {@code *} standing for every index of the array before it. */
  static List<JsonPointer> pointers(final JsonNode doc, final String... paths) {
    final List<JsonPointer> pointers = new ArrayList<>();
    for (final String path : paths) {
      final int star = path.indexOf("/*");
      if (star < 0) {
        pointers.add(JsonPointer.compile(path));
        continue;
      }
      final JsonNode array = doc.at(path.substring(0, star));
      for (int i = 0; i < array.size(); i++) {
        pointers.add(
            JsonPointer.compile(path.substring(0, star) + "/" + i + path.substring(star + 2)));
      }
    }
    return pointers;
  }

  private static byte[][] join(final List<byte[]> elements) {
    final byte[][] parts = new byte[elements.size() * 2 + 1][];
    parts[0] = new byte[] {'['};
    for (int i = 0; i < elements.size(); i++) {
      parts[1 + 2 * i] = elements.get(i);
      parts[2 + 2 * i] = new byte[] {(byte) (i + 1 < elements.size() ? ',' : ']')};
    }
    return parts;
  }
}
