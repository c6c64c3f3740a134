package dev.lineagegate.testkit;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where the unpacked Apicurio Registry build is. The testkit build unpacks it into {@code
 * testkit/target/apicurio}; tried in order: {@code -Dlineagegate.apicurio.home} (Failsafe sets it
 * to the reactor root's testkit), {@code LINEAGE_GATE_APICURIO_HOME}, then beside the testkit
 * classes this was loaded from.
 */
record ApicurioHome(Path directory) {

  static final String PROPERTY = "lineagegate.apicurio.home";
  static final String ENV = "LINEAGE_GATE_APICURIO_HOME";
  private static final String RUNNER = "apicurio-registry-app-2.6.13.Final-runner.jar";

  static ApicurioHome locate() {
    final List<Path> candidates = new ArrayList<>();
    Optional.ofNullable(System.getProperty(PROPERTY)).map(Path::of).ifPresent(candidates::add);
    Optional.ofNullable(System.getenv(ENV)).map(Path::of).ifPresent(candidates::add);
    candidates.add(besideTestkitBuild());
    for (final Path home : candidates) {
      if (Files.isRegularFile(home.resolve(RUNNER))) {
        // Absolute: the registry runs with its own directory as working directory.
        return new ApicurioHome(home.toAbsolutePath().normalize());
      }
    }
    throw new IllegalStateException(
        "no Apicurio Registry ("
            + RUNNER
            + ") in any of "
            + candidates
            + ". Build the testkit module first (mvn -pl testkit -am package), or set "
            + PROPERTY
            + " / "
            + ENV
            + " to an unpacked io.apicurio:apicurio-registry-app:2.6.13.Final:tar.gz:all");
  }

  Path runnerJar() {
    return directory.resolve(RUNNER);
  }

  /** testkit/target/classes or testkit/target/testkit-*.jar → testkit/target/apicurio. */
  private static Path besideTestkitBuild() {
    try {
      final Path loadedFrom =
          Path.of(ApicurioHome.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return loadedFrom.getParent().resolve("apicurio");
    } catch (URISyntaxException | RuntimeException e) {
      throw new IllegalStateException("cannot tell where the testkit was loaded from", e);
    }
  }
}
