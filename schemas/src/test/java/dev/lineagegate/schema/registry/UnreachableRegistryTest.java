package dev.lineagegate.schema.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/** A registry address where nothing listens: a real refused connection, not a mock. */
class UnreachableRegistryTest {

  @Test
  void shouldRetryWithBackoffThenFailWhenNothingListens() throws IOException {
    // Given a loopback port that was free a moment ago and is closed now
    final int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    final RegistryConfig config =
        new RegistryConfig(
            URI.create("http://127.0.0.1:" + port + "/apis/ccompat/v7"),
            Duration.ofSeconds(1),
            3,
            Duration.ofMillis(50),
            Duration.ofMillis(80),
            true);
    final SchemaRegistryClient client = new SchemaRegistryClient(config);
    final Schema schema = Schema.create(Schema.Type.STRING);
    // When
    final long begin = System.nanoTime();
    // Then: three attempts, waits of 50 + 80 ms between them, then a clear error
    assertThatThrownBy(() -> client.register("t-value", schema))
        .isInstanceOf(RegistryUnavailableException.class)
        .hasMessageStartingWith(
            "schema registry unreachable at http://127.0.0.1:"
                + port
                + "/apis/ccompat/v7: POST /subjects/t-value/versions failed 3 times, last: ")
        .hasCauseInstanceOf(IOException.class);
    assertThat(Duration.ofNanos(System.nanoTime() - begin))
        .isGreaterThanOrEqualTo(Duration.ofMillis(130));
  }
}
