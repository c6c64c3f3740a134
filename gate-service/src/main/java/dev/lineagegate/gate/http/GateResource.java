package dev.lineagegate.gate.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lineagegate.attest.DecisionJson;
import dev.lineagegate.attest.SigningKey;
import dev.lineagegate.avro.GateDecision;
import dev.lineagegate.gate.service.GateErrors;
import dev.lineagegate.gate.service.GateService;
import dev.lineagegate.gate.service.GateStores;
import dev.lineagegate.gate.service.Promotions;
import dev.lineagegate.gate.service.RequestBodies;
import dev.lineagegate.gate.service.Tokens;
import dev.lineagegate.schema.json.InvalidEventException;
import dev.lineagegate.schema.json.JsonDocuments;
import dev.lineagegate.service.http.ProblemException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import org.apache.kafka.streams.state.HostInfo;

/**
 * The public endpoints of the gate (DESIGN.md §6.4): parse, route to the digest's owner, call the
 * service, write JSON. Nothing is decided here.
 */
final class GateResource {

  static final String JSON = "application/json";

  private final GateService service;
  private final GateStores stores;
  private final Forwarder forwarder;
  private final Tokens tokens;
  private final SigningKey key;
  private final ObjectMapper mapper = new ObjectMapper();

  GateResource(
      final GateService service,
      final GateStores stores,
      final Forwarder forwarder,
      final Tokens tokens,
      final SigningKey key) {
    this.service = service;
    this.stores = stores;
    this.forwarder = forwarder;
    this.tokens = tokens;
    this.key = key;
  }

  void routes(final Javalin app) {
    app.get("/v1/gate/{digest}", this::gate);
    app.post("/v1/promotions", this::promote);
    app.post("/v1/waivers", this::waive);
    app.get("/v1/decisions", this::decisions);
    app.get("/v1/keys", this::keys);
  }

  private void gate(final Context ctx) {
    final String digest = RequestBodies.digest(ctx.pathParam("digest"), "/digest");
    if (routed(ctx, digest)) {
      return;
    }
    json(ctx, 200, DecisionJson.withEnvelope(service.query(digest, ctx.queryParam("target"))));
  }

  private void promote(final Context ctx) {
    final RequestBodies.Promotion request = RequestBodies.promotion(body(ctx));
    if (routed(ctx, request.artifact())) {
      return;
    }
    final Promotions.Outcome outcome = service.promote(request);
    json(ctx, outcome.created() ? 201 : 200, DecisionJson.withEnvelope(outcome.decision()));
  }

  private void waive(final Context ctx) {
    // Authentication before anything else: an unauthorised caller learns nothing, not even
    // whether its body was valid.
    final Tokens.Principal principal = principal(ctx);
    final RequestBodies.WaiverRequest request = RequestBodies.waiver(body(ctx));
    if (routed(ctx, request.artifact())) {
      return;
    }
    json(ctx, 201, DecisionJson.withEnvelope(service.waive(request, principal.name())));
  }

  private void decisions(final Context ctx) {
    final String digest = RequestBodies.digest(ctx.queryParam("artifact"), "/artifact");
    if (routed(ctx, digest)) {
      return;
    }
    final ObjectNode json = mapper.createObjectNode();
    json.put("artifact", digest);
    final ArrayNode list = json.putArray("decisions");
    for (final GateDecision decision : service.log(digest)) {
      list.add(DecisionJson.withEnvelope(decision));
    }
    json(ctx, 200, json);
  }

  private void keys(final Context ctx) {
    final ObjectNode json = mapper.createObjectNode();
    json.putArray("keys")
        .addObject()
        .put("keyid", key.keyId())
        .put("algorithm", "ed25519")
        .put("publicKeyPem", key.publicKeyPem());
    json(ctx, 200, json);
  }

  private Tokens.Principal principal(final Context ctx) {
    final String header = ctx.header("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw GateErrors.unauthorized("a bearer token with the waiver role is required");
    }
    final Optional<Tokens.Principal> principal = tokens.principal(header.substring(7).strip());
    if (principal.isEmpty()) {
      throw GateErrors.unauthorized("the bearer token is not known");
    }
    if (!Tokens.WAIVER_ROLE.equals(principal.get().role())) {
      throw GateErrors.forbidden(
          "principal " + principal.get().name() + " does not hold the waiver role");
    }
    return principal.get();
  }

  /** True when the request was answered by the digest's owner (another instance). */
  private boolean routed(final Context ctx, final String digest) {
    final Optional<HostInfo> owner = stores.remoteOwner(digest);
    owner.ifPresent(host -> forwarder.forward(ctx, host));
    return owner.isPresent();
  }

  private JsonNode body(final Context ctx) {
    final String type = ctx.contentType();
    // The media type itself, without its parameters: "application/jsonx" only starts like JSON.
    if (type == null || !type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT).equals(JSON)) {
      throw new ProblemException(GateProblems.unsupportedMediaType());
    }
    final byte[] bytes;
    try {
      bytes = ctx.bodyAsBytes();
    } catch (HttpResponseException e) {
      throw e; // Javalin's own answer, such as 413 for a body over its limit
    } catch (Exception e) {
      // Cut short or badly chunked: Javalin (Kotlin) throws Jetty's IOException undeclared.
      throw GateErrors.invalid("", JsonDocuments.UNREADABLE);
    }
    try {
      // Refused, never repaired, as ingest does: Jackson alone reads an overlong C0 AF as "/".
      JsonDocuments.requireUtf8(bytes);
    } catch (InvalidEventException e) {
      throw GateErrors.invalid(e.errors());
    }
    try {
      return mapper.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw GateErrors.invalid("", "the body is not JSON: " + JsonDocuments.describe(e));
    } catch (IOException e) {
      throw GateErrors.invalid("", JsonDocuments.UNREADABLE);
    }
  }

  private static void json(final Context ctx, final int status, final JsonNode body) {
    ctx.status(status).contentType(JSON).result(body.toString());
  }
}
