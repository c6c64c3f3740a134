package dev.lineagegate.client.cli;

import dev.lineagegate.schema.id.Digest;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code lineage-gate check <digest> --target T}: asks the gate whether an artifact may go to a
 * target, records nothing. Exit codes: 0 ALLOW, 1 BLOCK, 2 error (bad usage, a problem answer, the
 * gate unreachable or its answer unreadable). The decision goes to stdout, errors to stderr.
 */
@Command(
    name = "check",
    description =
        "Ask the gate whether an artifact may be promoted to a target (exit 0 ALLOW, 1"
            + " BLOCK, 2 error).")
final class CheckCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help.")
  private boolean help;

  @Parameters(index = "0", paramLabel = "DIGEST", description = "The artifact, sha256:<64 hex>.")
  private String digest;

  @Option(names = "--target", required = true, description = "Where it would go, e.g. prod.")
  private String target;

  @Mixin private GateOptions gate;

  @Override
  public Integer call() {
    final PrintWriter err = spec.commandLine().getErr();
    final String command = spec.qualifiedName();
    if (!Digest.isValid(digest)) {
      err.println(command + ": not a digest: expected sha256:<64 lowercase hex>, got " + digest);
      return DecisionOutput.ERROR;
    }
    try {
      return DecisionOutput.print(
          gate.http().decision(digest, target),
          gate.json,
          spec.commandLine().getOut(),
          err,
          command);
    } catch (GateException e) {
      err.println(command + ": " + e.getMessage());
      e.errors().forEach(err::println);
      return DecisionOutput.ERROR;
    }
  }
}
