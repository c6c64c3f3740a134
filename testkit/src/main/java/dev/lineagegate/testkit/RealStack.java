package dev.lineagegate.testkit;

import dev.lineagegate.schema.serde.SerdeFactory;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The shared real broker and registry of this test JVM, started side by side on first use (the
 * registry's JVM boots while the broker formats its log).
 */
public record RealStack(KafkaBroker kafka, ApicurioRegistry registry) {

  private static final OncePerJvm<RealStack> SHARED = new OncePerJvm<>(RealStack::startShared);

  public static RealStack shared() {
    return SHARED.get();
  }

  /** A serde factory on this registry: each call a new client with empty caches. */
  public SerdeFactory serdes() {
    return new SerdeFactory(registry.registryConfig());
  }

  private static RealStack startShared() {
    final CompletableFuture<ApicurioRegistry> registry =
        CompletableFuture.supplyAsync(ApicurioRegistry::shared);
    final KafkaBroker kafka = KafkaBroker.shared();
    try {
      return new RealStack(kafka, registry.join());
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }
}
