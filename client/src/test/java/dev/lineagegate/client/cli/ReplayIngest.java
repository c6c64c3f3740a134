package dev.lineagegate.client.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A fake ingest for replay tests that answers by content, as the real one does, whatever the order
 * in which concurrent requests arrive: a native event whose {@code run.step} is {@code "bad"} is
 * invalid ({@code /i/run/step}), and so is its whole batch; an OpenLineage event whose {@code
 * job.name} is {@code "bad"} gets a 400, {@code "warn"} a 201 with a warning. {@link #down()}
 * answers 503 to everything. Records each request's path and event count.
 */
final class ReplayIngest implements AutoCloseable {

  /** One request as received: its path and how many events its body held. */
  record Request(String path, int events) {}

  private final ObjectMapper json = new ObjectMapper();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final List<String> acceptedIds = new CopyOnWriteArrayList<>();
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final HttpServer server;
  private volatile boolean down;
  private volatile int status;
  private volatile long delayMillis;

  ReplayIngest() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(threads);
    server.start();
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  List<Request> requests() {
    return List.copyOf(requests);
  }

  /** The eventIds of the native events accepted, in the order accepted. */
  List<String> acceptedIds() {
    return List.copyOf(acceptedIds);
  }

  /** Answers each request after {@code millis}: requests stay in flight for a while. */
  ReplayIngest slow(final long millis) {
    delayMillis = millis;
    return this;
  }

  ReplayIngest down() {
    down = true;
    return this;
  }

  /** Answers {@code status} with a problem to every request (e.g. 404: not ingest). */
  ReplayIngest always(final int status) {
    this.status = status;
    return this;
  }

  private void handle(final HttpExchange exchange) throws IOException {
    try (exchange) {
      final JsonNode body = json.readTree(exchange.getRequestBody().readAllBytes());
      final String path = exchange.getRequestURI().getPath();
      requests.add(new Request(path, body.isArray() ? body.size() : 1));
      pause();
      if (down) {
        exchange.getResponseHeaders().add("Retry-After", "0");
        send(exchange, 503, problem(503, "the broker did not acknowledge"));
      } else if (status > 0) {
        send(exchange, status, problem(status, "not here"));
      } else if ("/v1/events".equals(path)) {
        events(exchange, (ArrayNode) body);
      } else {
        openLineage(exchange, body);
      }
    }
  }

  private void events(final HttpExchange exchange, final ArrayNode events) throws IOException {
    final ObjectNode problem = problem(400, "invalid field(s)");
    final ArrayNode errors = problem.putArray("errors");
    for (int i = 0; i < events.size(); i++) {
      if ("bad".equals(events.get(i).path("run").path("step").asText())) {
        errors.addObject().put("pointer", "/" + i + "/run/step").put("detail", "is bad");
      }
    }
    if (!errors.isEmpty()) {
      send(exchange, 400, problem);
      return;
    }
    final ObjectNode accepted = json.createObjectNode().put("accepted", events.size());
    final ArrayNode receipts = accepted.putArray("events");
    for (final JsonNode event : events) {
      acceptedIds.add(event.path("eventId").asText());
      receipts.add(receipt(event.path("eventId").asText()));
    }
    send(exchange, 202, accepted);
  }

  private void openLineage(final HttpExchange exchange, final JsonNode event) throws IOException {
    final String name = event.path("job").path("name").asText();
    if ("bad".equals(name)) {
      final ObjectNode problem = problem(400, "1 invalid field(s)");
      problem.putArray("errors").addObject().put("pointer", "/job/name").put("detail", "is bad");
      send(exchange, 400, problem);
      return;
    }
    final ObjectNode accepted = json.createObjectNode().put("accepted", 1);
    accepted.putArray("events").add(receipt("ol-" + name));
    if ("warn".equals(name)) {
      accepted
          .putArray("warnings")
          .addObject()
          .put("pointer", "/run/facets/x")
          .put("detail", "has no _producer");
    }
    send(exchange, 201, accepted);
  }

  private void pause() {
    try {
      Thread.sleep(delayMillis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private ObjectNode receipt(final String eventId) {
    return json.createObjectNode()
        .put("eventId", eventId)
        .put("topic", "lineage.events.v1")
        .put("partition", 0)
        .put("offset", 1);
  }

  private ObjectNode problem(final int status, final String detail) {
    return json.createObjectNode()
        .put("type", "https://lineage-gate.dev/problems/test")
        .put("title", "test")
        .put("status", status)
        .put("detail", detail);
  }

  private static void send(final HttpExchange exchange, final int status, final JsonNode body)
      throws IOException {
    final byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
