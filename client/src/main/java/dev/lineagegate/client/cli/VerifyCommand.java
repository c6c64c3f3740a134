package dev.lineagegate.client.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lineagegate.attest.DecisionAttestation;
import dev.lineagegate.attest.PublicKeys;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code lineage-gate verify <decision.json> --key <pub.pem>}: checks a decision's signature and
 * that every field beside the envelope is the signed one ({@link DecisionAttestation#verify}),
 * offline. With {@code --gate URL} instead, the key comes from the gate's {@code /v1/keys}. Exit
 * codes: 0 valid, 1 invalid (each problem on stderr), 2 the file or the key cannot be read.
 */
@Command(
    name = "verify",
    description = "Verify a signed gate decision (exit 0 valid, 1 invalid, 2 unreadable).")
final class VerifyCommand implements Callable<Integer> {

  static final int VALID = 0;
  static final int INVALID = 1;
  static final int UNREADABLE = 2;

  @Spec private CommandSpec spec;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help.")
  private boolean help;

  @Parameters(
      index = "0",
      paramLabel = "DECISION",
      description = "A decision as the gate answers it, JSON.")
  private Path file;

  @ArgGroup(multiplicity = "1")
  private KeySource key;

  /** Exactly one of the two: a key file (offline) or the gate that serves it. */
  static final class KeySource {
    @Option(names = "--key", paramLabel = "PEM", description = "The gate's public key, PEM.")
    Path file;

    @Option(
        names = "--gate",
        paramLabel = "URL",
        description = "Fetch the key from URL/v1/keys instead (not offline).")
    URI gate;
  }

  @Override
  public Integer call() {
    final PrintWriter err = spec.commandLine().getErr();
    final String command = spec.qualifiedName();
    final JsonNode decision;
    final PublicKey publicKey;
    try {
      decision = read(file);
      publicKey = key.file != null ? readKey(key.file) : GateKeys.fetch(key.gate, decision);
    } catch (IOException | IllegalArgumentException | GateException e) {
      err.println(command + ": " + e.getMessage());
      return UNREADABLE;
    }
    final List<String> problems = DecisionAttestation.verify(decision, publicKey);
    if (!problems.isEmpty()) {
      err.println(command + ": " + file + " does not verify:");
      problems.forEach(err::println);
      return INVALID;
    }
    spec.commandLine()
        .getOut()
        .println(
            "verified: "
                + decision.path("decision").asText()
                + " "
                + decision.path("artifact").asText()
                + " for "
                + decision.path("target").asText()
                + ", signed by "
                + PublicKeys.keyId(publicKey));
    return VALID;
  }

  private static JsonNode read(final Path file) throws IOException {
    final JsonNode json;
    try {
      // No repeated keys. Made here, not when the CLI builds its commands: attest is optional for
      // pipelines that embed the client, and only this command needs it.
      json = DecisionAttestation.strict().readTree(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      throw new IOException(file + ": no such file", e);
    } catch (IOException e) {
      throw new IOException(file + " is not JSON: " + e.getMessage(), e);
    }
    if (json == null || !json.isObject()) {
      throw new IOException(file + " is not a JSON object");
    }
    return json;
  }

  private static PublicKey readKey(final Path pem) throws IOException {
    final String text;
    try {
      text = Files.readString(pem);
    } catch (NoSuchFileException e) {
      throw new IOException(pem + ": no such file", e);
    }
    try {
      return PublicKeys.read(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(pem + ": " + e.getMessage(), e);
    }
  }
}
