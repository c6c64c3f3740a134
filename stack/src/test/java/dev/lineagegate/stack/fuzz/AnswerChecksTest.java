package dev.lineagegate.stack.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lineagegate.stack.fuzz.FuzzCase.Expect;
import dev.lineagegate.stack.fuzz.FuzzCase.Request;
import dev.lineagegate.stack.fuzz.FuzzCase.Route;
import dev.lineagegate.stack.fuzz.Sender.Answer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules every answer is held to, on answers written by hand. */
class AnswerChecksTest {

  private static final String PROBLEM = "application/problem+json";
  private static final FuzzCase CASE =
      new FuzzCase(
          1, Route.EVENTS, "k", Request.json("/v1/events", "{}"), Expect.ANY, List.of(), false);

  @Test
  void shouldPassA400WhenItListsPointersOrJettyRefusedTheRequest() {
    assertThat(
            check(
                400,
                PROBLEM,
                problem(
                    400,
                    "invalid-event",
                    ",\"errors\":[{\"pointer\":\"/run/step\",\"detail\":\"is required\"}]")))
        .isEmpty();
    assertThat(
            check(
                400,
                PROBLEM,
                problem(
                    400,
                    "invalid-event",
                    ",\"errors\":[{\"pointer\":\"\",\"detail\":\"not valid JSON\"}]")))
        .isEmpty();
    assertThat(check(400, PROBLEM, problem(400, "bad-request", ""))).isEmpty();
  }

  @Test
  void shouldFailA400WhenItNamesNoFieldOrIsNotAProblem() {
    assertThat(check(400, PROBLEM, problem(400, "unknown-target", ""))).hasSize(1);
    assertThat(
            check(
                400,
                PROBLEM,
                problem(
                    400, "invalid-event", ",\"errors\":[{\"pointer\":\"run\",\"detail\":\"x\"}]")))
        .hasSize(1);
    assertThat(check(400, "text/html", "<html>Bad Message 400</html>")).hasSize(2);
  }

  @Test
  void shouldFailAnAnswerWhenItIsA5xxSlowOrLeaksInternals() {
    assertThat(check(500, PROBLEM, problem(500, "internal", ""))).hasSize(1);
    assertThat(
            AnswerChecks.violations(
                CASE, new Answer(202, "application/json", "{}", 10_500_000_000L, null)))
        .singleElement()
        .asString()
        .startsWith("answered in 10500 ms");
    assertThat(
            check(
                400,
                PROBLEM,
                problem(400, "bad-request", "")
                    .replace(
                        "\"detail\":\"d\"",
                        "\"detail\":\"unreadable body: org.eclipse.jetty.io.EofException: Early EOF\"")))
        .hasSize(2);
    assertThat(
            check(
                400,
                PROBLEM,
                problem(400, "bad-request", "")
                    .replace(
                        "\"detail\":\"d\"",
                        "\"detail\":\"at [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled)\"")))
        .hasSize(2);
  }

  @Test
  void shouldAcceptAResetOnlyWhenTheRequestWasRefusedOnItsHead() {
    // Given a connection closed under the client, and a request that went unanswered for 10 s
    final Answer reset = new Answer(0, "", "", 1_000_000, "no answer: java.io.IOException: reset");
    final Answer hang = new Answer(0, "", "", 10_000_000_000L, Sender.HANG + " 10 s");
    final FuzzCase early =
        new FuzzCase(
            2,
            Route.WAIVERS,
            "k",
            Request.json("/v1/waivers", "{}"),
            Expect.early(431),
            List.of(),
            false);
    // When / Then a reset is an answer of its own to 9 KB of headers, never to a valid request
    assertThat(AnswerChecks.violations(early, reset)).isEmpty();
    assertThat(AnswerChecks.violations(early, hang)).hasSize(1);
    assertThat(AnswerChecks.violations(CASE, reset)).hasSize(1);
  }

  private static List<String> check(final int status, final String type, final String body) {
    return AnswerChecks.violations(CASE, new Answer(status, type, body, 1_000_000, null));
  }

  private static String problem(final int status, final String slug, final String more) {
    return "{\"type\":\"https://lineage-gate.dev/problems/"
        + slug
        + "\",\"title\":\"t\",\"status\":"
        + status
        + ",\"detail\":\"d\""
        + more
        + "}";
  }
}
