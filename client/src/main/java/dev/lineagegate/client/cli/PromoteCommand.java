package dev.lineagegate.client.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lineagegate.config.Durations;
import dev.lineagegate.schema.id.Digest;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code lineage-gate promote <digest> --target T}: asks the gate to promote an artifact; the gate
 * records the decision. The request id makes it safe to retry: the same id gets the same decision
 * and records nothing new, so a generated id is printed to stderr for the retry to reuse. A gate
 * that has no verdict for the artifact yet records nothing and says so ({@code unknown-artifact}):
 * the request is sent again for up to {@code --wait-for-verdict}, since a pipeline promotes right
 * after reporting its run and the verdict may still be on its way. Exit codes as {@link
 * CheckCommand}: 0 ALLOW, 1 BLOCK, 2 error.
 */
@Command(
    name = "promote",
    description =
        "Request a promotion; the gate records its decision (exit 0 ALLOW, 1 BLOCK, 2" + " error).")
final class PromoteCommand implements Callable<Integer> {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String UNKNOWN_ARTIFACT = "unknown-artifact";

  @Spec private CommandSpec spec;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help.")
  private boolean help;

  @Parameters(index = "0", paramLabel = "DIGEST", description = "The artifact, sha256:<64 hex>.")
  private String digest;

  @Option(names = "--target", required = true, description = "Where it goes, e.g. prod.")
  private String target;

  @Option(
      names = "--request-id",
      paramLabel = "ID",
      description = "Idempotency key; a UUID if absent (printed on stderr, reuse it to retry).")
  private String requestId;

  @Option(
      names = "--requested-by",
      paramLabel = "WHO",
      defaultValue = "${env:USER:-unknown}",
      description = "Who asks (default: $USER).")
  private String requestedBy;

  @Option(
      names = "--wait-for-verdict",
      paramLabel = "SECONDS",
      defaultValue = "30",
      converter = GateOptions.SecondsOrZeroConverter.class,
      description =
          "While the gate has no verdict for the artifact yet, ask again for up to this long"
              + " (default: ${DEFAULT-VALUE} s; 0: ask once).")
  private Duration waitForVerdict;

  @Mixin private GateOptions gate;

  @Override
  public Integer call() {
    final PrintWriter err = spec.commandLine().getErr();
    final String command = spec.qualifiedName();
    if (!Digest.isValid(digest)) {
      err.println(command + ": not a digest: expected sha256:<64 lowercase hex>, got " + digest);
      return DecisionOutput.ERROR;
    }
    final String id = requestId != null ? requestId : UUID.randomUUID().toString();
    if (requestId == null) {
      // Before sending: if the gate is unreachable or slow, the retry must reuse this id.
      err.println("request id " + id + " (to retry this promotion: --request-id " + id + ")");
    }
    try {
      final GateHttp.Answer answer = promote(gate.http(), body(id), id, err, command);
      if (answer.status() == 200) {
        err.println("request " + id + " was decided before: the same decision again");
      }
      return DecisionOutput.print(answer, gate.json, spec.commandLine().getOut(), err, command);
    } catch (GateException e) {
      err.println(command + ": " + e.getMessage());
      e.errors().forEach(err::println);
      return DecisionOutput.ERROR;
    }
  }

  /**
   * Sends the request, and again after the gate's Retry-After while it answers {@code
   * unknown-artifact} (nothing recorded, so the same request id is safe) and the next attempt still
   * starts within {@code --wait-for-verdict}.
   */
  private GateHttp.Answer promote(
      final GateHttp http,
      final String body,
      final String id,
      final PrintWriter err,
      final String command)
      throws GateException {
    final Instant giveUp = Instant.now().plus(waitForVerdict);
    for (int attempt = 1; ; attempt++) {
      try {
        return http.promote(body);
      } catch (GateException e) {
        final Duration pause =
            e.problem()
                .filter(p -> p.is(UNKNOWN_ARTIFACT))
                .map(GateException.ProblemType::retryAfter)
                .orElseThrow(() -> e);
        if (Instant.now().plus(pause).isAfter(giveUp)) {
          throw new GateException(
              "the gate has no verdict for "
                  + digest
                  + " within --wait-for-verdict "
                  + Durations.show(waitForVerdict)
                  + "; nothing was recorded: promote again with --request-id "
                  + id
                  + " once lineage-stream has evaluated it",
              e);
        }
        if (attempt == 1) {
          err.println(
              command
                  + ": the gate has no verdict for "
                  + digest
                  + " yet (nothing recorded); asking again for up to "
                  + Durations.show(waitForVerdict));
        }
        sleep(pause);
      }
    }
  }

  private static void sleep(final Duration pause) throws GateException {
    try {
      Thread.sleep(pause.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GateException("interrupted while waiting for the verdict", e);
    }
  }

  /** {@code {"artifact","target","requestId","requestedBy"}}, DESIGN.md §6.4. */
  private String body(final String id) {
    final ObjectNode body = MAPPER.createObjectNode();
    body.put("artifact", digest);
    body.put("target", target);
    body.put("requestId", id);
    body.put("requestedBy", requestedBy);
    try {
      return MAPPER.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
  }
}
