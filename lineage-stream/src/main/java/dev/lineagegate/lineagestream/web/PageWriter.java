package dev.lineagegate.lineagestream.web;

import dev.lineagegate.lineagestream.query.BadRequest;
import dev.lineagegate.lineagestream.query.NotFound;
import dev.lineagegate.lineagestream.query.Unavailable;
import dev.lineagegate.schema.json.FieldError;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a page, or the page that says why not, with the status the JSON API would give (404, 400,
 * 503 with Retry-After, 500): the web view's one place for failures, as {@code LineageProblems} is
 * the API's. Every page carries the same security headers.
 */
final class PageWriter {

  private static final Logger LOG = LoggerFactory.getLogger(PageWriter.class);
  // Defence in depth behind the escaping: no inline or foreign script can run on these pages.
  private static final String CSP =
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline';"
          + " img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'";

  private final Duration retryAfter;
  private final Supplier<List<String>> suggestions;

  PageWriter(final Duration retryAfter, final Supplier<List<String>> suggestions) {
    this.retryAfter = retryAfter;
    this.suggestions = suggestions;
  }

  void write(final Context ctx, final Supplier<String> render) {
    ctx.header("Content-Security-Policy", CSP).header("X-Content-Type-Options", "nosniff");
    ctx.contentType("text/html; charset=utf-8");
    try {
      ctx.status(200).result(render.get());
    } catch (NotFound e) {
      ctx.status(404).result(Layout.error(404, e.getMessage(), suggestions.get()));
    } catch (BadRequest e) {
      final String why =
          e.errors().stream().map(FieldError::message).collect(Collectors.joining("; "));
      ctx.status(400).result(Layout.error(400, why, suggestions.get()));
    } catch (Unavailable e) {
      ctx.header("Retry-After", Long.toString(Math.max(1, retryAfter.toSeconds())));
      ctx.status(503)
          .result(Layout.error(503, e.getMessage() + "; reload in a moment", suggestions.get()));
    } catch (RuntimeException e) {
      LOG.error("the page {} failed", ctx.path(), e);
      ctx.status(500)
          .result(Layout.error(500, "an unexpected error was logged", suggestions.get()));
    }
  }
}
