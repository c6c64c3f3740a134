package dev.lineagegate.stack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What {@code up} checks before it starts anything, so that a busy port, an unwritable data
 * directory or a JDK without Ed25519 is one clear sentence instead of a stack trace from deep
 * inside Kafka or Jetty.
 */
final class Preflight {

  private Preflight() {}

  /** Every problem found, empty when the stack can start. */
  static List<String> problems(final StackOptions options) {
    final List<String> problems = new ArrayList<>();
    if (Runtime.version().feature() < 17) {
      problems.add("Java 17 or later is needed, this is " + Runtime.version());
    }
    try {
      KeyPairGenerator.getInstance("Ed25519");
    } catch (NoSuchAlgorithmException e) {
      problems.add("this JDK has no Ed25519 signatures (the gate signs every decision with it)");
    }
    dataDir(options.dataDir()).ifPresent(problems::add);
    final Set<Integer> seen = new HashSet<>();
    for (final Map.Entry<String, Integer> port : options.ports().entrySet()) {
      if (!seen.add(port.getValue())) {
        problems.add(
            "port " + port.getValue() + " is given to two services (" + port.getKey() + ")");
      } else if (!free(port.getValue())) {
        problems.add(
            "port "
                + port.getValue()
                + " ("
                + port.getKey()
                + ") is in use on 127.0.0.1: stop what uses it (another `lineage-gate up`?) or"
                + " choose another port, see `lineage-gate up --help`");
      }
    }
    return problems;
  }

  private static Optional<String> dataDir(final Path dir) {
    try {
      Files.createDirectories(dir);
      final Path probe = Files.createTempFile(dir, ".write-probe", ".tmp");
      Files.delete(probe);
      return Optional.empty();
    } catch (IOException | SecurityException e) {
      return Optional.of(
          "the data directory "
              + dir
              + " is not writable ("
              + e.getClass().getSimpleName()
              + ": "
              + e.getMessage()
              + "): choose another with --data-dir");
    }
  }

  private static boolean free(final int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
