package dev.lineagegate.stack.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;

/**
 * Debian's Chromium driven by Debian's chromium-driver, headless: both named by path, so that
 * Selenium never looks for (or downloads) a browser of its own. {@code .ci/run} installs them.
 */
final class Browser implements AutoCloseable {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path DRIVER = Path.of("/usr/bin/chromedriver");

  /** Where the screenshots go: generated with the build, looked at, never committed. */
  static final Path SCREENSHOTS = Path.of("target", "web-screenshots");

  private final ChromeDriver driver;

  private Browser(final ChromeDriver driver) {
    this.driver = driver;
  }

  static Browser start() {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(DRIVER)) {
      throw new IllegalStateException(
          "the browser tests need Debian's chromium and chromium-driver:"
              + " apt-get install -y chromium chromium-driver (.ci/run does)");
    }
    final ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    // --no-sandbox: the tests run as root in CI; --disable-dev-shm-usage: small /dev/shm.
    options.addArguments(
        "--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1100");
    final ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).build();
    final ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    return new Browser(driver);
  }

  WebDriver driver() {
    return driver;
  }

  /** The ids of the nodes the page's graph drew. */
  @SuppressWarnings("unchecked")
  List<String> drawnNodes() {
    return (List<String>)
        driver.executeScript(
            "return window.lineageGraph.nodes().map(function (n) { return n.id(); });");
  }

  /** The ids of the nodes drawn on the path to a blocking ancestor. */
  @SuppressWarnings("unchecked")
  List<String> onPath() {
    return (List<String>)
        driver.executeScript(
            "return window.lineageGraph.nodes('[?onPath]').map(function (n) { return n.id(); });");
  }

  double zoom() {
    return ((Number) driver.executeScript("return window.lineageGraph.zoom();")).doubleValue();
  }

  /**
   * A real mouse click on node {@code id}, where the canvas draws it: the drawing is centred on the
   * node first (a pan, as a person would), then the pointer moves there and clicks.
   */
  void clickNode(final String id) {
    final WebElement graph = driver.findElement(By.id("graph"));
    driver.executeScript("arguments[0].scrollIntoView(true);", graph);
    @SuppressWarnings("unchecked")
    final List<Number> at =
        (List<Number>)
            driver.executeScript(
                "var cy = window.lineageGraph; var n = cy.getElementById(arguments[0]);"
                    + " cy.center(n); var p = n.renderedPosition(); return [p.x, p.y];",
                id);
    // Offsets count from the element's centre.
    new Actions(driver)
        .moveToElement(
            graph,
            (int) (at.get(0).doubleValue() - graph.getSize().getWidth() / 2.0),
            (int) (at.get(1).doubleValue() - graph.getSize().getHeight() / 2.0))
        .click()
        .perform();
  }

  /** Saves the whole page (not only the window) as {@code target/web-screenshots/<name>.png}. */
  Path screenshot(final String name) {
    final Dimension window = driver.manage().window().getSize();
    final long height =
        ((Number) driver.executeScript("return document.documentElement.scrollHeight;"))
            .longValue();
    driver
        .manage()
        .window()
        .setSize(new Dimension(window.getWidth(), (int) Math.min(height + 140, 6000)));
    try {
      Files.createDirectories(SCREENSHOTS);
      final Path file = SCREENSHOTS.resolve(name + ".png");
      Files.copy(
          ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath(),
          file,
          StandardCopyOption.REPLACE_EXISTING);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      driver.manage().window().setSize(window);
    }
  }

  @Override
  public void close() {
    driver.quit();
  }
}
