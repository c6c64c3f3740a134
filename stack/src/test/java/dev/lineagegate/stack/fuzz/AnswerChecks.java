package dev.lineagegate.stack.fuzz;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lineagegate.stack.fuzz.Sender.Answer;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What every answer must satisfy, whatever the request:
 *
 * <ul>
 *   <li>an answer within {@link #SLOW} (no hang), never a 5xx; no answer at all only when the
 *       request was refused on its head and the connection closed under the client ({@link
 *       FuzzCase.Expect#early});
 *   <li>the status the case expects, when it expects one (a malformed event is refused);
 *   <li>every 4xx an RFC 9457 problem: {@code application/problem+json}, a JSON object with a
 *       {@code type} under {@code https://lineage-gate.dev/problems/}, a {@code title}, the
 *       answer's {@code status} and a non-blank {@code detail};
 *   <li>every 400 names what is wrong ({@link #FIELD_RULE});
 *   <li>no error body shows a stack trace, a Java class or a library's internals.
 * </ul>
 */
final class AnswerChecks {

  static final Duration SLOW = Duration.ofSeconds(10);
  static final String TYPES = "https://lineage-gate.dev/problems/";

  /**
   * The rule for 400s: a non-empty {@code errors} array whose items each hold a {@code pointer} (an
   * RFC 6901 JSON pointer: {@code ""} for the whole body, as when it is not JSON or not UTF-8;
   * {@code /digest}, {@code /target} for path and query parameters) and a non-blank {@code detail}.
   * The one exception is type {@code bad-request}: Jetty refused the request before any route (a
   * NUL in the path, two Host headers, a broken chunk), so no field of it exists to name, and the
   * detail alone says what is wrong.
   */
  static final String FIELD_RULE =
      "a 400 lists errors [{pointer, detail}], unless Jetty refused it (type bad-request)";

  /** Stack frames, package-qualified class names, Java or library internals. */
  private static final List<Pattern> LEAKS =
      List.of(
          Pattern.compile("\\bat [\\w$.]+\\([\\w$]*\\.java:\\d+\\)"),
          Pattern.compile(
              "\\b(java|javax|jdk|sun|com\\.fasterxml|org\\.apache|org\\.eclipse|io\\.javalin"
                  + "|dev\\.lineagegate|org\\.rocksdb|org\\.slf4j|io\\.micrometer)\\.[a-z]\\w*"),
          Pattern.compile("\\b[A-Z]\\w*(Exception|Error)\\b"),
          Pattern.compile("\\b[A-Z][a-z]\\w*[A-Z]\\w*\\.(?:[a-z]\\w*\\(|[A-Z][A-Z_]{2,}\\b)"),
          Pattern.compile("\\[Source: "));

  private static final ObjectMapper JSON = new ObjectMapper();

  private AnswerChecks() {}

  /** What is wrong with {@code answer} to {@code fuzzCase}: nothing when the list is empty. */
  static List<String> violations(final FuzzCase fuzzCase, final Answer answer) {
    final List<String> wrong = new ArrayList<>();
    if (answer.failure() != null) {
      if (!fuzzCase.expect().early() || answer.failure().startsWith(Sender.HANG)) {
        wrong.add(answer.failure());
      }
      return wrong;
    }
    final int status = answer.status();
    if (status >= 500) {
      wrong.add("a " + status + ": " + cut(answer.body()));
    }
    if (answer.nanos() > SLOW.toNanos()) {
      wrong.add(
          "answered in " + answer.nanos() / 1_000_000 + " ms, over " + SLOW.toSeconds() + " s");
    }
    final String mismatch = fuzzCase.expect().mismatch(status);
    if (mismatch != null) {
      wrong.add(mismatch + ": " + cut(answer.body()));
    }
    if (status >= 400 && !"HEAD".equals(fuzzCase.request().method())) {
      wrong.addAll(problem(status, answer));
    }
    if (status >= 300) {
      for (final Pattern leak : LEAKS) {
        if (leak.matcher(answer.body()).find()) {
          wrong.add("leaks internals (" + leak.pattern() + "): " + cut(answer.body()));
        }
      }
    }
    return wrong;
  }

  private static List<String> problem(final int status, final Answer answer) {
    final List<String> wrong = new ArrayList<>();
    if (!answer.contentType().toLowerCase(Locale.ROOT).startsWith("application/problem+json")) {
      wrong.add("a " + status + " of type \"" + answer.contentType() + "\", not a problem");
    }
    final JsonNode body;
    try {
      body = JSON.readTree(answer.body());
    } catch (IOException e) {
      wrong.add("a " + status + " whose body is not JSON: " + cut(answer.body()));
      return wrong;
    }
    if (body == null || !body.isObject()) {
      wrong.add("a " + status + " whose body is not a JSON object: " + cut(answer.body()));
      return wrong;
    }
    if (!body.path("type").asText("").startsWith(TYPES)
        || body.path("title").asText("").isBlank()
        || body.path("status").asInt() != status
        || body.path("detail").asText("").isBlank()) {
      wrong.add("a " + status + " without type, title, status and detail: " + cut(answer.body()));
    }
    if (status == 400 && !namesAField(body)) {
      wrong.add(
          "a 400 that does not follow the rule \"" + FIELD_RULE + "\": " + cut(answer.body()));
    }
    return wrong;
  }

  static boolean namesAField(final JsonNode problem) {
    final JsonNode errors = problem.path("errors");
    if (!errors.isArray() || errors.isEmpty()) {
      return (TYPES + "bad-request").equals(problem.path("type").asText());
    }
    for (final JsonNode error : errors) {
      if (!error.path("pointer").isTextual()
          || !pointer(error.path("pointer").asText())
          || error.path("detail").asText("").isBlank()) {
        return false;
      }
    }
    return true;
  }

  private static boolean pointer(final String text) {
    if (!text.isEmpty() && !text.startsWith("/")) {
      return false;
    }
    try {
      JsonPointer.compile(text);
      return !text.matches(".*~[^01].*|.*~$");
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  static String cut(final String text) {
    return text.length() <= 300 ? text : text.substring(0, 300) + "…";
  }
}
