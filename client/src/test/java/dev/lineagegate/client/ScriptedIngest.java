package dev.lineagegate.client;

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
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP peer of the client's unit tests: the JDK's HTTP server on 127.0.0.1 answering each
 * request with the next scripted answer and recording what it received. It stands in for ingest
 * until the real server exists; its answers follow the contract of DESIGN.md §6.1.
 */
public final class ScriptedIngest implements AutoCloseable {

  /** One request as received. */
  public record Request(String method, String path, String contentType, String body) {}

  private record Answer(
      int status, String contentType, String body, String retryAfter, boolean stall) {}

  private final ObjectMapper mapper = new ObjectMapper();
  private final Queue<Answer> answers = new ConcurrentLinkedQueue<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final CountDownLatch closing = new CountDownLatch(1);
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final HttpServer server;

  private ScriptedIngest() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    // One thread per request: a stalled answer must not hold back the retry that follows it.
    server.setExecutor(threads);
    server.start();
  }

  public static ScriptedIngest start() throws IOException {
    return new ScriptedIngest();
  }

  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  /** 202 with one receipt per eventId, on lineage.events.v1 partition 0 from offset 12. */
  public ScriptedIngest accept(final String... eventIds) {
    final ObjectNode body = mapper.createObjectNode().put("accepted", eventIds.length);
    final ArrayNode events = body.putArray("events");
    for (int i = 0; i < eventIds.length; i++) {
      events
          .addObject()
          .put("eventId", eventIds[i])
          .put("topic", "lineage.events.v1")
          .put("partition", 0)
          .put("offset", 12 + i);
    }
    return answer(202, "application/json", body.toString(), null);
  }

  /** A problem answer (RFC 9457), with a Retry-After header when given. */
  public ScriptedIngest problem(final int status, final String body, final String retryAfter) {
    return answer(status, "application/problem+json", body, retryAfter);
  }

  public ScriptedIngest answer(
      final int status, final String contentType, final String body, final String retryAfter) {
    answers.add(new Answer(status, contentType, body, retryAfter, false));
    return this;
  }

  /** Never answers (until closed): the client's request timeout must fire. */
  public ScriptedIngest stall() {
    answers.add(new Answer(0, null, null, null, true));
    return this;
  }

  private void handle(final HttpExchange exchange) throws IOException {
    try (exchange) {
      final String body =
          new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      requests.add(
          new Request(
              exchange.getRequestMethod(),
              exchange.getRequestURI().getPath(),
              exchange.getRequestHeaders().getFirst("Content-Type"),
              body));
      final Answer answer = answers.poll();
      if (answer == null) {
        send(exchange, 500, "text/plain", "no scripted answer left", null);
      } else if (answer.stall()) {
        closing.await(10, TimeUnit.SECONDS);
      } else {
        send(exchange, answer.status(), answer.contentType(), answer.body(), answer.retryAfter());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void send(
      final HttpExchange exchange,
      final int status,
      final String contentType,
      final String body,
      final String retryAfter)
      throws IOException {
    final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", contentType);
    if (retryAfter != null) {
      exchange.getResponseHeaders().add("Retry-After", retryAfter);
    }
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    closing.countDown();
    server.stop(0);
    threads.shutdownNow();
  }
}
