package dev.lineagegate.ingest.http;

import dev.lineagegate.genai.ImportRefusedException;
import dev.lineagegate.ingest.publish.BrokerUnavailableException;
import dev.lineagegate.schema.json.InvalidEventException;
import dev.lineagegate.service.http.Refusal;
import io.javalin.http.HttpResponseException;
import io.javalin.http.NotFoundResponse;
import java.time.Duration;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one place where a failure becomes a status code and a problem body. */
final class ProblemMapper {

  private static final Logger LOG = LoggerFactory.getLogger(ProblemMapper.class);

  private final Duration retryAfter;
  private final int maxBodyBytes;

  ProblemMapper(final Duration retryAfter, final int maxBodyBytes) {
    this.retryAfter = retryAfter;
    this.maxBodyBytes = maxBodyBytes;
  }

  Problem toProblem(final Exception e, final String path) {
    if (e instanceof ProblemException problem) {
      return problem.problem();
    }
    if (e instanceof ImportRefusedException refused) {
      // The reader's sentence names the problem and where; nothing of the image was published.
      return Problem.of(400, "import-refused", "Image refused", refused.getMessage());
    }
    if (e instanceof InvalidEventException invalid) {
      return Problem.invalid(invalid.errors().size() + " invalid field(s)", invalid.errors());
    }
    if (e instanceof BrokerUnavailableException unavailable) {
      LOG.warn("answering 503 on {}: {}", path, unavailable.getMessage());
      return Problem.unavailable(
          "Kafka did not acknowledge in time; nothing of the request is partly written. Retry"
              + " with the same eventIds: a copy that did arrive is dropped as a duplicate.",
          retryAfter);
    }
    if (e instanceof RecordTooLargeException) {
      return tooLarge();
    }
    if (e instanceof NotFoundResponse) {
      return Problem.of(404, "not-found", "Not found", "no route " + path);
    }
    if (e instanceof HttpResponseException http && http.getStatus() == 413) {
      return tooLarge();
    }
    if (e instanceof HttpResponseException http) {
      final Refusal refusal = Refusal.of(http.getStatus(), http.getMessage());
      return Problem.of(refusal.status(), refusal.slug(), refusal.title(), refusal.detail());
    }
    if (e instanceof SerializationException serialization) {
      LOG.error("cannot serialize on {}", path, serialization);
      return Problem.of(500, "serialization", "Cannot serialize", serialization.getMessage());
    }
    LOG.error("unexpected failure on {}", path, e);
    return Problem.of(500, "internal", "Internal error", "an unexpected error was logged");
  }

  Problem tooLarge() {
    return Problem.of(
        413,
        "too-large",
        "Payload too large",
        "the body is larger than " + maxBodyBytes + " bytes");
  }

  /** A problem decided by a resource (415, 404 ...), thrown to reach the mapper. */
  static final class ProblemException extends RuntimeException {

    private final transient Problem problem;

    ProblemException(final Problem problem) {
      super(problem.detail(), null, false, false);
      this.problem = problem;
    }

    Problem problem() {
      return problem;
    }
  }
}
