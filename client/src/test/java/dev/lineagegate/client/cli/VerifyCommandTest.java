package dev.lineagegate.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lineagegate.attest.SigningKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lineage-gate verify} on real signed decisions written to disk. */
class VerifyCommandTest {

  private static final String A = Decisions.ARTIFACT;

  @TempDir Path dir;

  private final CliHarness cli = new CliHarness();

  private Path keyFile() throws IOException {
    return Files.writeString(dir.resolve("gate.pub"), Decisions.KEY.publicKeyPem());
  }

  @Test
  void shouldSayVerifiedAndExitZeroWhenTheDecisionIsAsSigned() throws IOException {
    // Given
    final Path decision =
        Files.writeString(dir.resolve("d.json"), Decisions.json(Decisions.allow()));
    // When
    final int exit = cli.run("verify", decision.toString(), "--key", keyFile().toString());
    // Then
    assertThat(exit).isZero();
    assertThat(cli.out())
        .isEqualTo("verified: ALLOW " + A + " for prod, signed by " + Decisions.KEY.keyId() + "\n");
    assertThat(cli.err()).isEmpty();
  }

  @Test
  void shouldPrintEachProblemAndExitOneWhenTheDecisionIsTampered() throws IOException {
    // Given: a BLOCK turned into an ALLOW for another target
    final ObjectMapper mapper = new ObjectMapper();
    final ObjectNode json = (ObjectNode) mapper.readTree(Decisions.json(Decisions.block()));
    json.put("decision", "ALLOW").put("target", "dev");
    final Path decision = Files.writeString(dir.resolve("d.json"), mapper.writeValueAsString(json));
    // When
    final int exit = cli.run("verify", decision.toString(), "--key", keyFile().toString());
    // Then
    assertThat(exit).isEqualTo(1);
    assertThat(cli.out()).isEmpty();
    assertThat(cli.err())
        .isEqualTo(
            "lineage-gate verify: "
                + decision
                + " does not verify:\n"
                + "field decision differs from what was signed\n"
                + "field target differs from what was signed\n");
  }

  @Test
  void shouldExitTwoWhenAKeyOfTheDecisionIsRepeated() throws IOException {
    // Given a signed BLOCK with "decision": "ALLOW" put before its own decision field
    final String block = Decisions.json(Decisions.block());
    final Path decision =
        Files.writeString(dir.resolve("d.json"), "{\"decision\":\"ALLOW\"," + block.substring(1));
    // When
    final int exit = cli.run("verify", decision.toString(), "--key", keyFile().toString());
    // Then
    assertThat(exit).isEqualTo(2);
    assertThat(cli.out()).isEmpty();
    assertThat(cli.err())
        .startsWith(
            "lineage-gate verify: " + decision + " is not JSON: Duplicate field 'decision'");
  }

  @Test
  void shouldExitOneWhenAnotherKeySignedIt() throws IOException {
    // Given
    final Path decision =
        Files.writeString(dir.resolve("d.json"), Decisions.json(Decisions.allow()));
    final SigningKey other = SigningKey.generate();
    final Path otherKey = Files.writeString(dir.resolve("other.pub"), other.publicKeyPem());
    // When
    final int exit = cli.run("verify", decision.toString(), "--key", otherKey.toString());
    // Then
    assertThat(exit).isEqualTo(1);
    assertThat(cli.err())
        .isEqualTo(
            "lineage-gate verify: "
                + decision
                + " does not verify:\nno signature by key "
                + other.keyId()
                + " verifies\n");
  }

  @Test
  void shouldExitTwoWhenTheFileIsMissing() throws IOException {
    // Given
    final Path missing = dir.resolve("nope.json");
    // When
    final int exit = cli.run("verify", missing.toString(), "--key", keyFile().toString());
    // Then
    assertThat(exit).isEqualTo(2);
    assertThat(cli.err()).isEqualTo("lineage-gate verify: " + missing + ": no such file\n");
  }

  @Test
  void shouldExitTwoWhenTheKeyIsNoPem() throws IOException {
    // Given
    final Path decision =
        Files.writeString(dir.resolve("d.json"), Decisions.json(Decisions.allow()));
    final Path key = Files.writeString(dir.resolve("gate.pub"), "not a key");
    // When
    final int exit = cli.run("verify", decision.toString(), "--key", key.toString());
    // Then
    assertThat(exit).isEqualTo(2);
    assertThat(cli.err())
        .isEqualTo(
            "lineage-gate verify: " + key + ": <public key> holds no PEM block \"PUBLIC KEY\"\n");
  }

  @Test
  void shouldExitTwoWhenNoKeyIsGiven() throws IOException {
    // Given
    final Path decision =
        Files.writeString(dir.resolve("d.json"), Decisions.json(Decisions.allow()));
    // When
    final int exit = cli.run("verify", decision.toString());
    // Then
    assertThat(exit).isEqualTo(2);
    assertThat(cli.err())
        .startsWith(
            "lineage-gate verify: Error: Missing required argument (specify one of these):");
  }

  @Test
  void shouldVerifyWithTheGatesKeyWhenGateIsGiven() throws IOException {
    try (FakeGate gate = FakeGate.start()) {
      // Given: the gate serves an old key and the one that signed
      final SigningKey old = SigningKey.generate();
      gate.answer(
          200,
          new ObjectMapper()
              .writeValueAsString(
                  new ObjectMapper()
                      .createObjectNode()
                      .set(
                          "keys",
                          new ObjectMapper()
                              .createArrayNode()
                              .add(key(old))
                              .add(key(Decisions.KEY)))));
      final Path decision =
          Files.writeString(dir.resolve("d.json"), Decisions.json(Decisions.allow()));
      // When
      final int exit = cli.run("verify", decision.toString(), "--gate", gate.url().toString());
      // Then
      assertThat(exit).isZero();
      assertThat(gate.requests()).containsExactly(new FakeGate.Request("GET", "/v1/keys", ""));
      assertThat(cli.out())
          .isEqualTo(
              "verified: ALLOW " + A + " for prod, signed by " + Decisions.KEY.keyId() + "\n");
    }
  }

  private static ObjectNode key(final SigningKey key) {
    final ObjectNode json = new ObjectMapper().createObjectNode();
    json.put("keyid", key.keyId());
    json.put("algorithm", "ed25519");
    json.put("publicKeyPem", key.publicKeyPem());
    return json;
  }
}
