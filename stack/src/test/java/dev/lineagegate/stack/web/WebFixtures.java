package dev.lineagegate.stack.web;

import dev.lineagegate.avro.CheckSeverity;
import dev.lineagegate.client.IngestClient;
import dev.lineagegate.client.RunReporter;
import dev.lineagegate.client.RunSpec;
import dev.lineagegate.schema.id.Digest;
import dev.lineagegate.stack.Stack;
import dev.lineagegate.stack.StackOptions;
import dev.lineagegate.stack.demo.DemoPipeline;
import dev.lineagegate.testkit.Http;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** What the web view's browser tests send and wait for, on a real stack. */
final class WebFixtures {

  static final String XSS = "<script>alert(1)</script>";

  private WebFixtures() {}

  /** The stack on free ports under the demo's policy, as {@code up --demo} runs it. */
  static Stack up(final Path data) throws IOException {
    final int[] ports = freePorts(6);
    Files.writeString(data.resolve("policy.yaml"), DemoPipeline.POLICY, StandardCharsets.UTF_8);
    return Stack.up(
        new StackOptions(
            data,
            Optional.of(data.resolve("policy.yaml")),
            ports[0],
            ports[1],
            ports[2],
            ports[3],
            ports[4],
            ports[5]),
        line -> {});
  }

  /** A run whose output is named with markup, and whose failed check observed a control char. */
  static String sendXss(final IngestClient ingest, final Path dir) throws IOException {
    final Path file = dir.resolve("xss.bin");
    Files.writeString(file, "xss " + UUID.randomUUID(), StandardCharsets.UTF_8);
    final RunReporter run =
        RunReporter.of(RunSpec.forStep("web-it").pipeline("web").owner("web-it"))
            .output(XSS, file)
            .check("rows", false, CheckSeverity.ERROR, "bell\u0007<i>x</i>");
    ingest.send(run.start());
    ingest.send(run.complete());
    return Digest.sha256(Files.readAllBytes(file)).value();
  }

  /** Two runs reading {@code source} and writing 256 outputs each (the most an event holds). */
  static void sendFanOut(final IngestClient ingest, final Digest source) {
    for (int r = 0; r < 2; r++) {
      final RunReporter run =
          RunReporter.of(
              RunSpec.forStep("fan-out-" + r)
                  .pipeline("web")
                  .owner("web-it")
                  .input("s3://web/wide.csv", source, null));
      for (int i = 0; i < 256; i++) {
        run.output("s3://web/part-" + r + "-" + i, Digest.sha256(source.value() + r + "/" + i), 1L);
      }
      ingest.send(run.start());
      ingest.send(run.complete());
    }
  }

  /** The artifact's verdict status, empty while it has none. */
  static String status(final Stack stack, final Digest digest)
      throws IOException, InterruptedException {
    final Http.Answer answer =
        Http.get(stack.lineageUrl(), "/v1/artifacts/" + digest.value() + "/verdict");
    return answer.status() == 200 ? answer.json().path("status").asText() : "";
  }

  static void await(final Check condition) throws Exception {
    final long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (!condition.holds()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within 90 s");
      }
      Thread.sleep(200);
    }
  }

  /** A condition polled by {@link #await}. */
  @FunctionalInterface
  interface Check {
    boolean holds() throws Exception;
  }

  private static int[] freePorts(final int count) throws IOException {
    final List<ServerSocket> sockets = new ArrayList<>();
    try {
      for (int i = 0; i < count; i++) {
        sockets.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
      }
      return sockets.stream().mapToInt(ServerSocket::getLocalPort).toArray();
    } finally {
      for (final ServerSocket socket : sockets) {
        socket.close();
      }
    }
  }
}
