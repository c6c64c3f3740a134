package dev.lineagegate.schema.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * The smallest correct client of the Confluent Schema Registry REST API for Avro: register
 * (idempotent), look up by id (cached), set and test compatibility. Thread-safe; share one per
 * process so that its caches are shared too.
 */
public final class SchemaRegistryClient {

  private static final int SUBJECT_NOT_FOUND = 40401;

  private final RegistryConfig config;
  private final RegistryHttp http;
  private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
  private final Map<String, Map<Schema, Integer>> idsBySubject = new ConcurrentHashMap<>();

  public SchemaRegistryClient(final RegistryConfig config) {
    this.config = config;
    this.http = new RegistryHttp(config, new ObjectMapper());
  }

  public RegistryConfig config() {
    return config;
  }

  /**
   * Registers {@code schema} under {@code subject} and returns its id. Registering a schema that is
   * already there returns the same id and creates no new version.
   *
   * @throws IncompatibleSchemaException when the subject's compatibility level refuses it
   */
  public int register(final String subject, final Schema schema) {
    final Integer cached = idsOf(subject).get(schema);
    if (cached != null) {
      return cached;
    }
    final RegistryHttp.Answer answer =
        http.post(
            "/subjects/" + segment(subject) + "/versions",
            http.object().put("schema", schema.toString()).put("schemaType", "AVRO"));
    if (answer.status() == 409) {
      // Two writers registering one new subject at once: Apicurio answers the loser 409 ("already
      // exists"). If the schema is there now, that is success; otherwise it really is refused.
      final OptionalInt registered = lookup(subject, schema);
      if (registered.isPresent()) {
        return registered.getAsInt();
      }
      throw new IncompatibleSchemaException(subject, answer.message(), answer.errorCode());
    }
    final int id = requireOk(answer, "register a schema under " + subject).path("id").asInt();
    remember(subject, schema, id);
    return id;
  }

  /** The id of {@code schema} if it is registered under {@code subject}; nothing registered. */
  public OptionalInt lookup(final String subject, final Schema schema) {
    final Integer cached = idsOf(subject).get(schema);
    if (cached != null) {
      return OptionalInt.of(cached);
    }
    final RegistryHttp.Answer answer =
        http.post(
            "/subjects/" + segment(subject),
            http.object().put("schema", schema.toString()).put("schemaType", "AVRO"));
    if (answer.status() == 404) {
      return OptionalInt.empty();
    }
    final int id = requireOk(answer, "look up a schema under " + subject).path("id").asInt();
    remember(subject, schema, id);
    return OptionalInt.of(id);
  }

  /** The schema with this id; cached forever, since ids are immutable. */
  public Schema schemaById(final int id) {
    final Schema cached = schemasById.get(id);
    if (cached != null) {
      return cached;
    }
    final RegistryHttp.Answer answer = http.get("/schemas/ids/" + id);
    if (answer.status() == 404) {
      throw new UnknownSchemaIdException(id, answer.message());
    }
    final String text = requireOk(answer, "fetch schema id " + id).path("schema").asText();
    final Schema schema = new Schema.Parser().parse(text);
    schemasById.put(id, schema);
    return schema;
  }

  /** Sets the compatibility level of one subject. */
  public void setCompatibility(final String subject, final Compatibility level) {
    requireOk(
        http.put("/config/" + segment(subject), http.object().put("compatibility", level.name())),
        "set compatibility of " + subject);
  }

  /** The compatibility level set on {@code subject}, falling back to the global one. */
  public Compatibility compatibility(final String subject) {
    final RegistryHttp.Answer answer =
        http.get("/config/" + segment(subject) + "?defaultToGlobal=true");
    final JsonNode body = requireOk(answer, "read compatibility of " + subject);
    final String level =
        body.path("compatibilityLevel").asText(body.path("compatibility").asText());
    return Compatibility.valueOf(level);
  }

  /**
   * Whether {@code schema} may be registered next under {@code subject}; true for a subject with no
   * versions yet.
   */
  public boolean isCompatible(final String subject, final Schema schema) {
    final RegistryHttp.Answer answer =
        http.post(
            "/compatibility/subjects/" + segment(subject) + "/versions/latest",
            http.object().put("schema", schema.toString()).put("schemaType", "AVRO"));
    if (answer.status() == 404 && answer.errorCode() == SUBJECT_NOT_FOUND) {
      return true;
    }
    return requireOk(answer, "test compatibility under " + subject)
        .path("is_compatible")
        .asBoolean(false);
  }

  /** Every subject the registry knows. */
  public List<String> subjects() {
    final List<String> subjects = new ArrayList<>();
    requireOk(http.get("/subjects"), "list subjects").forEach(node -> subjects.add(node.asText()));
    return List.copyOf(subjects);
  }

  private Map<Schema, Integer> idsOf(final String subject) {
    return idsBySubject.computeIfAbsent(subject, s -> new ConcurrentHashMap<>());
  }

  private void remember(final String subject, final Schema schema, final int id) {
    idsOf(subject).put(schema, id);
    schemasById.putIfAbsent(id, schema);
  }

  private JsonNode requireOk(final RegistryHttp.Answer answer, final String what) {
    if (answer.ok()) {
      return answer.body();
    }
    throw new SchemaRegistryException(
        "could not "
            + what
            + " at "
            + config.url()
            + ": HTTP "
            + answer.status()
            + ", "
            + answer.message(),
        answer.status(),
        answer.errorCode());
  }

  /** Encodes one URL path segment (subjects may hold any character). */
  private static String segment(final String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
