package dev.lineagegate.attest;

import java.nio.file.Path;
import java.util.Base64;

/** RFC 7468 textual encoding: one label, base64 in 64-character lines. */
final class Pem {

  private Pem() {}

  static String encode(final String label, final byte[] der) {
    return "-----BEGIN "
        + label
        + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END "
        + label
        + "-----\n";
  }

  static byte[] decode(final String pem, final String label, final Path source) {
    final String begin = "-----BEGIN " + label + "-----";
    final String end = "-----END " + label + "-----";
    final int from = pem.indexOf(begin);
    final int to = pem.indexOf(end);
    if (from < 0 || to < from) {
      throw new IllegalArgumentException(source + " holds no PEM block \"" + label + "\"");
    }
    try {
      return Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(source + ": the PEM block is not base64", e);
    }
  }
}
