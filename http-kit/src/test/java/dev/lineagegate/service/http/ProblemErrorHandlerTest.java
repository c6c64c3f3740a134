package dev.lineagegate.service.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The error dispatch Jetty makes when something calls {@code sendError} outside Javalin's own
 * answers (the bad messages are covered on each service's real server).
 */
class ProblemErrorHandlerTest {

  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();

  private Javalin app;

  @BeforeEach
  void start() {
    app =
        Javalin.create(
            javalin -> {
              javalin.showJavalinBanner = false;
              ProblemErrorHandler.install(javalin);
            });
    app.put("/teapot", ctx -> ctx.res().sendError(418));
    app.start("127.0.0.1", 0);
  }

  @AfterEach
  void stop() {
    app.stop();
  }

  @Test
  void shouldAnswerAProblemWhenAnErrorIsSentForAPut() throws Exception {
    // When: PUT, for which Jetty's own handler writes no body at all, asking for HTML
    final HttpResponse<String> answer =
        CLIENT.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/teapot"))
                .timeout(Duration.ofSeconds(10))
                .header("Accept", "text/html")
                .PUT(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    // Then
    assertThat(answer.statusCode()).isEqualTo(418);
    assertThat(answer.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    final JsonNode problem = JSON.readTree(answer.body());
    assertThat(problem.path("type").asText())
        .isEqualTo("https://lineage-gate.dev/problems/http-418");
    assertThat(problem.path("status").asInt()).isEqualTo(418);
    assertThat(problem.path("title").asText()).isNotBlank();
    assertThat(problem.path("detail").asText()).isNotBlank();
    assertThat(problem.path("instance").asText()).isEqualTo("/teapot");
  }
}
