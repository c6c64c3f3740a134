package dev.lineagegate.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;

/** The real components themselves: loopback only, started once, stopped without orphans. */
class RealStackIT {

  @Test
  void shouldServeOnLoopbackWhenShared() throws Exception {
    // Given / When
    final RealStack stack = RealStack.shared();
    // Then the same instances serve every test of this JVM
    assertThat(RealStack.shared()).isSameAs(stack);
    assertThat(stack.kafka().bootstrapServers()).matches("(localhost|127\\.0\\.0\\.1):\\d+");
    assertThat(stack.registry().confluentApiUrl().toString())
        .matches("http://127\\.0\\.0\\.1:\\d+/apis/ccompat/v7");
    try (Admin admin = stack.kafka().admin()) {
      assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS)).hasSize(1);
      stack.kafka().createTopics(1, "real-stack-check");
      assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS))
          .containsAll(Set.of("real-stack-check"));
    }
    System.out.printf(
        "startup: broker %d ms, registry %d ms (started side by side)%n",
        stack.kafka().startTime().toMillis(), stack.registry().startTime().toMillis());
  }

  @Test
  void shouldLeaveNoProcessNorPortWhenRegistryIsClosed() throws Exception {
    // Given a registry of its own
    final ApicurioRegistry registry = ApicurioRegistry.start();
    final URI url = registry.baseUrl();
    assertThat(listening(url)).isTrue();
    final long childProcesses = ProcessHandle.current().descendants().count();
    assertThat(childProcesses).isPositive();
    // When
    registry.close();
    // Then its process tree is gone and its port is closed
    assertThat(listening(url)).isFalse();
    assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).count())
        .isLessThan(childProcesses);
  }

  private static boolean listening(final URI url) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(url.getHost(), url.getPort()), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
