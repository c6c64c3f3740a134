package dev.lineagegate.gate.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lineagegate.schema.id.Digest;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TokensTest {

  @Test
  void shouldFindThePrincipalWhenTheTokenIsGivenPlainOrAsItsHash() {
    // Given one plain token and one configured by its SHA-256 only
    final Tokens tokens =
        Tokens.parse("alice:waiver:s3cret, ci:promoter:" + Digest.sha256("hunter:2").value());

    // When / Then
    assertThat(tokens.principal("s3cret"))
        .isEqualTo(Optional.of(new Tokens.Principal("alice", "waiver")));
    assertThat(tokens.principal("hunter:2"))
        .isEqualTo(Optional.of(new Tokens.Principal("ci", "promoter")));
    assertThat(tokens.principal("S3CRET")).isEmpty();
    assertThat(tokens.principal("")).isEmpty();
  }

  @Test
  void shouldKeepColonsInTheTokenWhenParsing() {
    assertThat(Tokens.parse("bob:waiver:a:b:c").principal("a:b:c"))
        .isEqualTo(Optional.of(new Tokens.Principal("bob", "waiver")));
  }

  @Test
  void shouldRefuseAnEntryWithoutShowingTheTokenWhenItIsMalformed() {
    assertThatThrownBy(() -> Tokens.parse("alice:waiver:ok,justatoken-s3cret"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "setting gate.tokens: entry 2 is not principal:role:token (the token itself is not"
                + " shown)")
        .hasMessageNotContaining("s3cret");
  }

  @Test
  void shouldRefuseAPrincipalWhenItIsLongerThanAWaiverKeeps() {
    // Given a principal of 201 characters: every waiver it grants records it
    final String principal = "p".repeat(201);

    // When / Then
    assertThatThrownBy(() -> Tokens.parse(principal + ":waiver:s3cret"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("setting gate.tokens: entry 1 has a principal longer than 200 characters");
  }

  @Test
  void shouldBeEmptyWhenNothingIsConfigured() {
    final Tokens tokens = Tokens.parse("");
    assertThat(tokens.isEmpty()).isTrue();
    assertThat(tokens.principal("anything")).isEmpty();
    assertThat(Tokens.parse("alice:waiver:s3cret").toString()).isEqualTo("Tokens[1 entries]");
  }
}
