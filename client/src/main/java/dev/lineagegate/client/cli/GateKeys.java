package dev.lineagegate.client.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lineagegate.attest.PublicKeys;
import java.net.URI;
import java.security.PublicKey;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/**
 * The gate's public key for one decision, from {@code GET /v1/keys}: the one whose keyid the
 * envelope names, so that a gate serving an old and a new key during a rotation still verifies.
 * When the envelope names none of the gate's keys, its first key: the decision then fails to verify
 * (exit 1, "no signature by key ... verifies") rather than counting as an unreadable key.
 */
final class GateKeys {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private GateKeys() {}

  static PublicKey fetch(final URI gate, final JsonNode decision) throws GateException {
    final Set<String> named = new HashSet<>();
    for (final JsonNode signature : decision.path("envelope").path("signatures")) {
      named.add(signature.path("keyid").asText());
    }
    final JsonNode keys = new GateHttp(gate, TIMEOUT).keys().json().path("keys");
    if (!keys.isArray() || keys.isEmpty()) {
      throw new GateException("GET /v1/keys: the gate at " + gate + " serves no keys");
    }
    for (final JsonNode key : keys) {
      if (named.contains(key.path("keyid").asText())) {
        return read(gate, key);
      }
    }
    return read(gate, keys.get(0));
  }

  private static PublicKey read(final URI gate, final JsonNode key) throws GateException {
    try {
      return PublicKeys.read(key.path("publicKeyPem").asText());
    } catch (IllegalArgumentException e) {
      throw new GateException(
          "GET /v1/keys: a key of the gate at " + gate + ": " + e.getMessage(), e);
    }
  }
}
