package dev.lineagegate.testkit;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Closes the shared broker and registry when the JUnit session of this test JVM ends. Closing in a
 * JVM shutdown hook instead races Surefire's fork exit timeout on a loaded machine (the fork then
 * exits non-zero after every test passed); the hooks remain only as a safety net.
 */
public final class StackCloser implements LauncherSessionListener {

  @Override
  public void launcherSessionClosed(final LauncherSession session) {
    final Thread registry = new Thread(ApicurioRegistry::closeShared, "apicurio-close");
    registry.start(); // side by side with the broker, as they were started
    KafkaBroker.closeShared();
    try {
      registry.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
