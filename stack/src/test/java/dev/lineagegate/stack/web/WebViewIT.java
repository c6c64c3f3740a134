package dev.lineagegate.stack.web;

import static dev.lineagegate.stack.web.WebFixtures.await;
import static dev.lineagegate.stack.web.WebFixtures.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lineagegate.client.IngestClient;
import dev.lineagegate.schema.id.Digest;
import dev.lineagegate.stack.Stack;
import dev.lineagegate.stack.demo.DemoPipeline;
import dev.lineagegate.testkit.Http;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web view in a real browser (issue #15) against the real stack running the demo: the serving
 * image's page says BLOCK with UPSTREAM_BLOCKED and draws its ancestors, a click on the model moves
 * to it, the clean artifact is PASS and ALLOWed to prod, a name made of markup shows as text, the
 * alerts page lists the demo's alerts. Screenshots in {@code target/web-screenshots/}.
 */
class WebViewIT {

  @TempDir static Path data;

  private static Stack stack;
  private static Browser browser;
  private static Map<String, Digest> demo;
  private static String xss;

  @BeforeAll
  static void start() throws Exception {
    stack = WebFixtures.up(data);
    final IngestClient ingest = IngestClient.builder().baseUrl(stack.ingestUrl()).build();
    demo = new DemoPipeline(ingest, data.resolve("demo")).run();
    xss = WebFixtures.sendXss(ingest, data);
    await(
        () ->
            status(stack, demo.get("serving image")).equals("BLOCK")
                && status(stack, demo.get("clean v2 (clean)")).equals("PASS")
                && !status(stack, Digest.parse(xss)).isEmpty());
    final Http.Answer promoted =
        Http.post(
            stack.gateUrl(),
            "/v1/promotions",
            "application/json",
            "{\"artifact\":\""
                + demo.get("clean v2 (clean)").value()
                + "\",\"target\":\"prod\",\"requestId\":\""
                + UUID.randomUUID()
                + "\",\"requestedBy\":\"WebViewIT\"}");
    assertThat(promoted.status()).isEqualTo(201);
    browser = Browser.start();
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void shouldShowBlockWithUpstreamBlockedAndTheAncestorsWhenTheServingImageIsOpened() {
    // Given the demo's serving image, blocked because of its model and report
    final String image = demo.get("serving image").value();

    // When its page is opened (as the demo prints it)
    final WebDriver page = open("/artifacts/" + image + "?direction=upstream&depth=5");
    browser.screenshot("artifact-serving-image-blocked");

    // Then
    assertThat(page.findElement(By.id("status")).getText()).isEqualTo("BLOCK");
    assertThat(page.findElement(By.id("reasons")).getText()).contains("UPSTREAM_BLOCKED");
    assertThat(page.findElement(By.id("decision-prod")).getText()).contains("BLOCK");
    final List<String> drawn = browser.drawnNodes();
    assertThat(drawn)
        .contains(
            image,
            demo.get("model, run 1").value(),
            demo.get("evaluation (unauditable)").value(),
            demo.get("features").value(),
            demo.get("clean v1 (superseded)").value());
    assertThat(browser.onPath()).contains(image);
  }

  @Test
  void shouldMoveToTheModelWhenItsNodeIsClicked() {
    // Given the serving image's graph
    final String model = demo.get("model, run 1").value();
    final WebDriver page =
        open("/artifacts/" + demo.get("serving image").value() + "?direction=upstream&depth=5");

    // When the model's box is clicked, where the canvas draws it
    browser.clickNode(model);

    // Then the browser is on the model's page
    new WebDriverWait(page, Duration.ofSeconds(10))
        .until(ExpectedConditions.urlContains("/artifacts/" + model));
    browser.screenshot("artifact-model-after-click");
    assertThat(page.findElement(By.id("artifact-name")).getText()).isEqualTo("model:churn");
    assertThat(page.findElement(By.id("reasons")).getText()).contains("NONDETERMINISTIC");
  }

  @Test
  void shouldShowPassAndAllowForProdWhenTheCleanArtifactIsOpened() {
    // Given the clean artifact, promoted to prod in start()
    final String clean = demo.get("clean v2 (clean)").value();

    // When
    final WebDriver page = open("/artifacts/" + clean);
    browser.screenshot("artifact-clean-pass");

    // Then
    assertThat(page.findElement(By.id("status")).getText()).isEqualTo("PASS");
    assertThat(page.findElement(By.id("decision-prod")).getText()).contains("ALLOW");
    assertThat(page.findElement(By.id("recorded")).getText()).contains("ALLOW", "WebViewIT");
    assertThat(page.findElement(By.id("versions")).getText()).contains("(this one)");
  }

  @Test
  void shouldRenderMarkupAndControlCharactersAsTextWhenANameHoldsThem() {
    // Given an artifact named <script>alert(1)</script>, with a check observing a BEL
    // When its page and its name's page are opened
    final WebDriver page = open("/artifacts/" + xss);
    browser.screenshot("artifact-xss-name");

    // Then the name is text, no script ran, and the control character shows as an escape
    assertThat(page.findElement(By.id("artifact-name")).getText()).isEqualTo(WebFixtures.XSS);
    assertThatThrownBy(() -> page.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
    assertThat(page.findElement(By.id("reasons")).getText()).contains("bell\\u0007<i>x</i>");
    final WebDriver names =
        open("/names/" + URLEncoder.encode(WebFixtures.XSS, StandardCharsets.UTF_8));
    assertThat(names.findElement(By.id("dataset-name")).getText()).isEqualTo(WebFixtures.XSS);
    assertThatThrownBy(() -> names.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
  }

  @Test
  void shouldListTheDemoAlertsNewestFirstWhenTheAlertsPageIsOpened() throws Exception {
    // Given the demo's alerts, read by the tail
    await(() -> Http.get(stack.lineageUrl(), "/v1/alerts").json().path("alerts").size() >= 4);

    // When
    final WebDriver page = open("/alerts");
    browser.screenshot("alerts");

    // Then each links to its artifact and the JSON carries the page's URL
    final String table = page.findElement(By.id("alerts")).getText();
    assertThat(table).contains("image:churn-serving", "model:churn", "VERDICT_WORSENED");
    assertThat(page.findElements(By.cssSelector("#alerts a[href^='/artifacts/sha256:']")))
        .isNotEmpty();
    final JsonNode first = Http.get(stack.lineageUrl(), "/v1/alerts?severity=BLOCK").json();
    assertThat(first.path("alerts").path(0).path("url").asText())
        .startsWith(stack.webUrl() + "/artifacts/sha256:");
  }

  @Test
  void shouldOpenTheNamePageWhenAKnownNameIsSearched() throws Exception {
    // Given the start page, whose search box suggests the names of recent verdicts (once the tail
    // has read them: it trails the stores by a commit)
    await(
        () ->
            !open("/")
                .findElements(By.cssSelector("#suggestions option[value='model:churn']"))
                .isEmpty());
    final WebDriver page = browser.driver();
    browser.screenshot("search-start");

    // When a name is typed into the search box and sent
    page.findElement(By.id("q")).sendKeys("model:churn");
    page.findElement(By.cssSelector("form.search button")).click();

    // Then its page shows its versions and the graph of datasets and jobs
    new WebDriverWait(page, Duration.ofSeconds(10))
        .until(ExpectedConditions.urlContains("/names/model"));
    browser.screenshot("name-model");
    assertThat(page.findElement(By.id("versions")).getText()).contains("BLOCK");
    assertThat(browser.drawnNodes()).contains("dataset:model:churn", "job:train");
  }

  @Test
  void shouldListTheMatchingNamesWhenPartOfANameIsSearched() throws Exception {
    // Given the demo's names, read by the tail
    await(
        () ->
            !open("/")
                .findElements(By.cssSelector("#suggestions option[value='report:churn-eval']"))
                .isEmpty());

    // When part of a name is searched
    final WebDriver page = open("/search?q=churn");
    browser.screenshot("search-results");

    // Then every name holding it is listed, each linking to its page
    assertThat(page.findElement(By.id("matches")).getText())
        .contains("model:churn", "report:churn-eval", "image:churn-serving");
    assertThat(page.findElements(By.cssSelector("#matches a[href='/names/model%3Achurn']")))
        .isNotEmpty();
  }

  @Test
  void shouldShowTruncatedAndStayReadableWhenTheWalkStopsAtFiveHundredNodes() throws Exception {
    // Given a raw source read by two runs that wrote 256 outputs each: 515 nodes downstream
    final IngestClient ingest = IngestClient.builder().baseUrl(stack.ingestUrl()).build();
    final Digest source = Digest.sha256("wide source " + UUID.randomUUID());
    WebFixtures.sendFanOut(ingest, source);
    final String path = "/artifacts/" + source.value() + "?direction=downstream&depth=1";
    await(
        () ->
            Http.get(
                    stack.lineageUrl(),
                    "/v1/lineage/" + source.value() + "?direction=downstream&depth=1")
                .json()
                .path("truncated")
                .asBoolean());

    // When its page is opened
    final WebDriver page = open(path);
    browser.screenshot("artifact-500-nodes-truncated");

    // Then it says so, draws the 500 nodes the walk kept, at a zoom one can read
    assertThat(page.findElement(By.id("truncated")).getText()).contains("Truncated");
    assertThat(browser.drawnNodes()).hasSize(500);
    assertThat(browser.zoom()).isGreaterThanOrEqualTo(0.8);
  }

  @Test
  void shouldCarryThePageUrlOnEveryAlertRecordWhenTheTopologyWritesIt() {
    // Given the demo's alerts on the topic
    final Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "web-view-it-" + UUID.randomUUID());
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of("lineage.alerts.v1"));
      final List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
      final long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (records.size() < 4 && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(500)).forEach(records::add);
      }

      // When their headers are read / Then each names its artifact's page
      assertThat(records).hasSizeGreaterThanOrEqualTo(4);
      for (final ConsumerRecord<String, byte[]> record : records) {
        final Header url = record.headers().lastHeader("lineage-gate.url");
        assertThat(url).as("header of %s", record.key()).isNotNull();
        assertThat(new String(url.value(), StandardCharsets.UTF_8))
            .isEqualTo(
                Digest.isValid(record.key())
                    ? stack.webUrl() + "/artifacts/" + record.key()
                    : stack.webUrl() + "/alerts");
      }
    }
  }

  private static WebDriver open(final String path) {
    final WebDriver driver = browser.driver();
    driver.get(stack.webUrl() + path);
    return driver;
  }
}
