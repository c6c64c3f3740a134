package dev.lineagegate.service.http;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.eclipse.jetty.http.HttpStatus;

/**
 * A request refused by the HTTP layer (Jetty's parser, Javalin's body limit) rather than by a
 * route, as the fields of an RFC 9457 problem: a stable slug per status so that clients can tell a
 * URI too long from headers too large, and a detail that never carries the request's own bytes. The
 * Jetty-level handler writes it as it is ({@link #json}); a route's mapper answers it as a {@link
 * Problem} ({@link #problem}).
 */
public record Refusal(int status, String slug, String title, String detail) {

  /** Jetty's reasons are short fixed sentences; anything longer is cut, never echoed in full. */
  static final int MAX_TEXT = 120;

  /**
   * The refusal for {@code status}. {@code reason} (Jetty's or Javalin's message, may be null) is
   * added to the detail only when it says more than the status line, as printable ASCII, cut at
   * {@value #MAX_TEXT} characters.
   */
  public static Refusal of(final int status, final String reason) {
    final String why = informative(status, reason);
    return switch (status) {
      case 400 ->
          new Refusal(
              400,
              "bad-request",
              "Bad request",
              detail("the request is malformed and was refused before routing", why));
      case 408 ->
          new Refusal(
              408,
              "request-timeout",
              "Request timeout",
              detail("the request did not arrive in time", why));
      case 413 ->
          // The slug ingest already uses for its own body limit: one type per problem.
          new Refusal(
              413,
              "too-large",
              "Payload too large",
              detail("the request body is larger than this server accepts", why));
      case 414 ->
          new Refusal(
              414,
              "uri-too-long",
              "URI too long",
              detail("the request URI is longer than this server accepts", why));
      case 431 ->
          new Refusal(
              431,
              "headers-too-large",
              "Request headers too large",
              detail("the request headers are larger than this server accepts", why));
      case 500 -> new Refusal(500, "internal", "Internal error", "an unexpected error was logged");
      default ->
          new Refusal(
              status,
              "http-" + status,
              title(status),
              detail("the request was refused before routing", why));
    };
  }

  /** The same refusal as a problem, with the request's path as its instance. */
  public Problem problem() {
    return Problem.of(status, slug, title, detail);
  }

  /**
   * The problem body. {@code instance} (the request's path) is left out when unknown (the request
   * could not be parsed) or when it is not short printable ASCII: it came from the client.
   */
  public byte[] json(final String instance) {
    final ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("type", Problem.TYPES + slug);
    json.put("title", title);
    json.put("status", status);
    json.put("detail", detail);
    if (instance != null && instance.length() <= MAX_TEXT && printable(instance)) {
      json.put("instance", instance);
    }
    return json.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String detail(final String what, final String why) {
    return why.isEmpty() ? what : what + ": " + why;
  }

  private static String title(final int status) {
    final String message = HttpStatus.getMessage(status);
    return message == null || message.isBlank() ? "HTTP " + status : message;
  }

  /** The reason, unless empty or only the status line again ("URI Too Long" for a 414). */
  private static String informative(final int status, final String reason) {
    if (reason == null || reason.isBlank()) {
      return "";
    }
    final String standard = HttpStatus.getMessage(status);
    if (standard != null
        && reason.strip().toLowerCase(Locale.ROOT).equals(standard.toLowerCase(Locale.ROOT))) {
      return "";
    }
    return sanitized(reason.strip());
  }

  /** Printable ASCII only, cut at {@value #MAX_TEXT}: what the client sent never comes back raw. */
  static String sanitized(final String text) {
    final StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_TEXT) + 3);
    for (int i = 0; i < text.length() && i < MAX_TEXT; i++) {
      final char c = text.charAt(i);
      out.append(c >= 0x20 && c < 0x7f ? c : '?');
    }
    if (text.length() > MAX_TEXT) {
      out.append("...");
    }
    return out.toString();
  }

  private static boolean printable(final String text) {
    return text.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
  }
}
