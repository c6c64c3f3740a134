package dev.lineagegate.ingest.http;

import dev.lineagegate.genai.ImportRefusedException;
import dev.lineagegate.ingest.publish.BrokerUnavailableException;
import dev.lineagegate.schema.json.InvalidEventException;
import dev.lineagegate.service.http.Problem;
import dev.lineagegate.service.http.ProblemMapper;
import java.time.Duration;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where a failure of ingest becomes a status code and a problem body: what its
 * services throw (invalid events, refused images, Kafka not acknowledging in time), and the
 * problems its resources decide before reading on (415, 413, an unreadable body).
 */
final class IngestProblems extends ProblemMapper {

  private static final Logger LOG = LoggerFactory.getLogger(IngestProblems.class);

  private final Duration retryAfter;
  private final int maxBodyBytes;

  IngestProblems(final Duration retryAfter, final int maxBodyBytes) {
    this.retryAfter = retryAfter;
    this.maxBodyBytes = maxBodyBytes;
  }

  @Override
  protected Problem known(final Exception e, final String path) {
    if (e instanceof ImportRefusedException refused) {
      // The reader's sentence names the problem and where; nothing of the image was published.
      return importRefused(refused.getMessage());
    }
    if (e instanceof InvalidEventException invalid) {
      return Problem.invalid(
          "invalid-event",
          "Invalid event",
          invalid.errors().size() + " invalid field(s)",
          invalid.errors());
    }
    if (e instanceof BrokerUnavailableException unavailable) {
      LOG.warn("answering 503 on {}: {}", path, unavailable.getMessage());
      return Problem.unavailable(
          "kafka-unavailable",
          "Kafka unavailable",
          "Kafka did not acknowledge in time; nothing of the request is partly written. Retry"
              + " with the same eventIds: a copy that did arrive is dropped as a duplicate.",
          retryAfter);
    }
    if (e instanceof RecordTooLargeException) {
      return tooLarge();
    }
    if (e instanceof SerializationException serialization) {
      LOG.error("cannot serialize on {}", path, serialization);
      return Problem.of(500, "serialization", "Cannot serialize", serialization.getMessage());
    }
    return null;
  }

  @Override
  protected Problem tooLarge() {
    return bodyOver(maxBodyBytes);
  }

  /** 415: the body is not of a media type the route reads ({@code expected}, in words). */
  static Problem unsupportedMediaType(final String expected, final String contentType) {
    return Problem.of(
        415,
        "unsupported-media-type",
        "Unsupported media type",
        "send " + expected + ", not " + (contentType == null ? "no Content-Type" : contentType));
  }

  /** 413 of {@code POST /v1/imports}: its own limit, {@code ingest.max-image-bytes}. */
  static Problem imageTooLarge(final int maxImageBytes) {
    return Problem.of(
        413,
        "too-large",
        "Payload too large",
        "the image is larger than " + maxImageBytes + " bytes (ingest.max-image-bytes)");
  }

  static Problem importRefused(final String detail) {
    return Problem.of(400, "import-refused", "Image refused", detail);
  }

  static Problem unreadableBody() {
    return Problem.of(400, "unreadable-body", "Unreadable body", "the body could not be read");
  }
}
