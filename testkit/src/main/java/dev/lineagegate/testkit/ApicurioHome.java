package dev.lineagegate.testkit;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the unpacked Apicurio Registry build is. The testkit build unpacks it into {@code
 * testkit/target/apicurio}, found from where this class was loaded; {@code
 * -Dlineagegate.apicurio.home} or {@code LINEAGE_GATE_APICURIO_HOME} override that.
 */
record ApicurioHome(Path directory) {

  static final String PROPERTY = "lineagegate.apicurio.home";
  static final String ENV = "LINEAGE_GATE_APICURIO_HOME";
  private static final String RUNNER = "apicurio-registry-app-2.6.13.Final-runner.jar";

  static ApicurioHome locate() {
    final Optional<Path> configured =
        Optional.ofNullable(System.getProperty(PROPERTY))
            .or(() -> Optional.ofNullable(System.getenv(ENV)))
            .map(Path::of);
    final Path home = configured.orElseGet(ApicurioHome::besideTestkitBuild);
    if (!Files.isRegularFile(home.resolve(RUNNER))) {
      throw new IllegalStateException(
          "no Apicurio Registry at "
              + home.toAbsolutePath()
              + " ("
              + RUNNER
              + " missing). Build the testkit module first (mvn -pl testkit -am package), or set "
              + PROPERTY
              + " / "
              + ENV
              + " to an unpacked io.apicurio:apicurio-registry-app:2.6.13.Final:tar.gz:all");
    }
    return new ApicurioHome(home);
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
