package dev.lineagegate.client.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * A gate on 127.0.0.1 that answers what the test queued, in order, and records every request: the
 * CLI's real HTTP client against canned answers, no gate-service needed.
 */
final class FakeGate implements AutoCloseable {

  /** One request as it arrived: method, path with its raw query, body. */
  record Request(String method, String uri, String body) {}

  private record Answer(int status, String contentType, String body, Map<String, String> headers) {}

  private final HttpServer server;
  private final Deque<Answer> answers = new ArrayDeque<>();
  private final List<Request> requests = new ArrayList<>();

  private FakeGate(final HttpServer server) {
    this.server = server;
  }

  static FakeGate start() throws IOException {
    final HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    final FakeGate gate = new FakeGate(server);
    server.createContext("/", gate::handle);
    server.start();
    return gate;
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  FakeGate answer(final int status, final String json) {
    return answer(status, "application/json", json, Map.of());
  }

  FakeGate problem(final int status, final String json, final Map<String, String> headers) {
    return answer(status, "application/problem+json", json, headers);
  }

  FakeGate answer(
      final int status,
      final String contentType,
      final String body,
      final Map<String, String> headers) {
    synchronized (answers) {
      answers.add(new Answer(status, contentType, body, headers));
    }
    return this;
  }

  List<Request> requests() {
    synchronized (answers) {
      return List.copyOf(requests);
    }
  }

  private void handle(final HttpExchange exchange) throws IOException {
    final Answer answer;
    synchronized (answers) {
      requests.add(
          new Request(
              exchange.getRequestMethod(),
              exchange.getRequestURI().toString(),
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
      answer =
          answers.isEmpty()
              ? new Answer(500, "text/plain", "nothing queued", Map.of())
              : answers.poll();
    }
    final byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", answer.contentType());
    answer.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
    exchange.sendResponseHeaders(answer.status(), body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
