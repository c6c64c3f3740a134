package dev.lineagegate.stack;

import dev.lineagegate.registry.RegistryProcess;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where the unpacked Apicurio Registry is: {@code -Dlineagegate.apicurio.home}, {@code
 * LINEAGE_GATE_APICURIO_HOME}, then {@code target/apicurio} beside the stack's classes (the build
 * unpacks it there from Maven Central).
 */
final class ApicurioLocation {

  private ApicurioLocation() {}

  static Path runnerJar() {
    final List<Path> candidates = new ArrayList<>();
    Optional.ofNullable(System.getProperty("lineagegate.apicurio.home"))
        .map(Path::of)
        .ifPresent(candidates::add);
    Optional.ofNullable(System.getenv("LINEAGE_GATE_APICURIO_HOME"))
        .map(Path::of)
        .ifPresent(candidates::add);
    beside().ifPresent(candidates::add);
    for (final Path home : candidates) {
      final Path runner = home.resolve(RegistryProcess.RUNNER);
      if (Files.isRegularFile(runner)) {
        return runner.toAbsolutePath().normalize();
      }
    }
    throw new StackException(
        List.of(
            "no Apicurio Registry in any of "
                + candidates
                + ": build the stack first (bin/lineage-gate does: mvn -pl stack -am install)"));
  }

  /** stack/target/classes or stack/target/stack-*.jar → stack/target/apicurio. */
  private static Optional<Path> beside() {
    try {
      final Path from =
          Path.of(
              ApicurioLocation.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return Optional.of(from.getParent().resolve("apicurio"));
    } catch (URISyntaxException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
