package dev.lineagegate.gate.service;

import dev.lineagegate.gate.GateBounds;
import dev.lineagegate.schema.id.Digest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Bearer tokens → principal and role, from the {@code gate.tokens} setting: comma-separated {@code
 * principal:role:token} entries, where {@code token} is the secret itself or {@code sha256:<hex>}
 * of it (so a config file need not hold the secret). Only SHA-256 hashes are kept in memory and
 * compared in constant time; no token is ever logged or shown in an error.
 */
public final class Tokens {

  /** The role that may grant waivers (DESIGN.md §6.4). */
  public static final String WAIVER_ROLE = "waiver";

  /** Who a token belongs to and what it may do. */
  public record Principal(String name, String role) {}

  private record Entry(Principal principal, byte[] hash) {}

  private final List<Entry> entries;

  private Tokens(final List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  public static Tokens parse(final String setting) {
    final List<Entry> entries = new ArrayList<>();
    int index = 0;
    for (final String raw : setting.split(",")) {
      index++;
      final String entry = raw.strip();
      if (entry.isEmpty()) {
        continue;
      }
      final String[] parts = entry.split(":", 3);
      if (parts.length != 3 || parts[0].isBlank() || parts[1].isBlank() || parts[2].isBlank()) {
        throw new IllegalArgumentException(
            "setting gate.tokens: entry "
                + index
                + " is not principal:role:token (the token itself is not shown)");
      }
      final byte[] hash =
          parts[2].startsWith("sha256:") && Digest.isValid(parts[2])
              ? HexFormat.of().parseHex(Digest.parse(parts[2]).hex())
              : sha256(parts[2]);
      if (parts[0].strip().length() > GateBounds.MAX_ID) {
        // The principal is recorded in every waiver it grants: a bounded state needs it bounded.
        throw new IllegalArgumentException(
            "setting gate.tokens: entry "
                + index
                + " has a principal longer than "
                + GateBounds.MAX_ID
                + " characters");
      }
      entries.add(new Entry(new Principal(parts[0].strip(), parts[1].strip()), hash));
    }
    return new Tokens(entries);
  }

  /** The principal of {@code token}, empty when no entry matches. Every entry is compared. */
  public Optional<Principal> principal(final String token) {
    final byte[] hash = sha256(token);
    Principal found = null;
    for (final Entry entry : entries) {
      if (MessageDigest.isEqual(entry.hash(), hash)) {
        found = entry.principal();
      }
    }
    return Optional.ofNullable(found);
  }

  public boolean isEmpty() {
    return entries.isEmpty();
  }

  private static byte[] sha256(final String token) {
    return Digest.newSha256().digest(token.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "Tokens[" + entries.size() + " entries]";
  }
}
