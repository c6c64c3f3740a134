package dev.lineagegate.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lineagegate.schema.id.Digest;
import dev.lineagegate.testkit.Http;
import io.openlineage.client.OpenLineage;
import io.openlineage.client.OpenLineageClient;
import io.openlineage.client.transports.HttpConfig;
import io.openlineage.client.transports.HttpTransport;
import io.openlineage.client.transports.KafkaConfig;
import io.openlineage.client.transports.KafkaTransport;
import io.openlineage.client.transports.Transport;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real OpenLineage traffic forms lineage (issue #13): a Marquez-like seed graph (names only, no
 * digests, outputs listed on START, COMPLETE without outputs) sent by OpenLineage's own Java client
 * over HTTP and through the Kafka bridge; every input → output relation shows in the version-level
 * and the name-level queries.
 */
class OpenLineageGraphIT {

  private static final URI PRODUCER =
      URI.create("https://github.com/OpenLineage/OpenLineage/tree/1.55.0/client/java");
  private static final OpenLineage OL = new OpenLineage(PRODUCER);
  private static final String DB = "postgres://food-db:5432";

  @TempDir static Path data;

  private static Stack stack;

  @BeforeAll
  static void start() {
    final int[] ports = freePorts(6);
    stack =
        Stack.up(
            new StackOptions(
                data, Optional.empty(), ports[0], ports[1], ports[2], ports[3], ports[4], ports[5]),
            line -> {});
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  @Test
  void shouldShowEveryRelationOfASeedGraphSentOverHttp() throws Exception {
    final HttpConfig http = new HttpConfig();
    http.setUrl(stack.ingestUrl());
    try (Transport transport = new HttpTransport(http)) {
      assertSeedGraphForms("food_delivery", new OpenLineageClient(transport));
    }
  }

  @Test
  void shouldShowEveryRelationOfASeedGraphSentThroughTheKafkaBridge() throws Exception {
    final Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    try (KafkaTransport transport =
        new KafkaTransport(new KafkaConfig(StackTopics.OPENLINEAGE_EVENTS, null, props))) {
      assertSeedGraphForms("food_delivery_bridged", new OpenLineageClient(transport));
    }
  }

  /** Sends the seed graph in namespace {@code ns} and checks both query levels. */
  private static void assertSeedGraphForms(final String ns, final OpenLineageClient client)
      throws Exception {
    // Given the seed graph's runs, each START listing its inputs and outputs, COMPLETE bare
    final String orders = name(ns, "public.orders");
    final String menus = name(ns, "public.menus");
    final String categories = name(ns, "public.categories");
    final String sevenDays = name(ns, "public.orders_7_days");
    final String customers = name(ns, "public.customers");
    final String delivery = name(ns, "public.delivery_7_days");
    final UUID ordersRun = run(client, ns, "etl_orders", 1, List.of(), List.of(orders));
    final UUID menusRun = run(client, ns, "etl_menus", 1, List.of(), List.of(menus));
    final UUID sevenDaysRun =
        run(
            client,
            ns,
            "etl_orders_7_days",
            5,
            List.of(orders, menus, categories),
            List.of(sevenDays));
    final UUID deliveryRun =
        run(client, ns, "etl_delivery_7_days", 8, List.of(sevenDays, customers), List.of(delivery));

    // Then the delivery table's version-level lineage reaches every ancestor: the versions the
    // runs produced, and the source nodes of the tables no tracked run produced
    final String deliveryVersion = derived(delivery, deliveryRun);
    final List<String> ancestors =
        List.of(
            derived(sevenDays, sevenDaysRun),
            derived(orders, ordersRun),
            derived(menus, menusRun),
            source(categories),
            source(customers),
            "run:" + deliveryRun,
            "run:" + sevenDaysRun);
    final JsonNode upstream =
        await(
            "/v1/lineage/" + deliveryVersion + "?direction=upstream&depth=5",
            graph -> ids(graph).containsAll(ancestors));
    assertThat(ids(upstream)).containsAll(ancestors);

    // And the name-level lineage (Marquez's view) has every dataset → job → dataset edge
    final String sevenDaysJob = "job:" + ns + "/etl_orders_7_days";
    final List<String> relations =
        List.of(
            "dataset:" + orders + " -> " + sevenDaysJob,
            "dataset:" + menus + " -> " + sevenDaysJob,
            "dataset:" + categories + " -> " + sevenDaysJob,
            sevenDaysJob + " -> dataset:" + sevenDays,
            "job:" + ns + "/etl_orders -> dataset:" + orders,
            "job:" + ns + "/etl_menus -> dataset:" + menus,
            "dataset:" + sevenDays + " -> job:" + ns + "/etl_delivery_7_days",
            "job:" + ns + "/etl_delivery_7_days -> dataset:" + delivery);
    final JsonNode names =
        await(
            "/v1/lineage?name="
                + URLEncoder.encode(sevenDays, StandardCharsets.UTF_8)
                + "&direction=both&depth=3",
            graph -> edges(graph).containsAll(relations));
    assertThat(edges(names)).containsAll(relations);
  }

  /** START (inputs and outputs listed, as Marquez's seed data does) and COMPLETE (bare). */
  private static UUID run(
      final OpenLineageClient client,
      final String ns,
      final String job,
      final int minute,
      final List<String> inputs,
      final List<String> outputs) {
    final UUID runId = UUID.randomUUID();
    final ZonedDateTime at = ZonedDateTime.now(ZoneOffset.UTC).minusHours(1).plusMinutes(minute);
    client.emit(
        OL.newRunEventBuilder()
            .eventType(OpenLineage.RunEvent.EventType.START)
            .eventTime(at)
            .run(OL.newRunBuilder().runId(runId).build())
            .job(OL.newJobBuilder().namespace(ns).name(job).build())
            .inputs(
                inputs.stream()
                    .map(n -> OL.newInputDatasetBuilder().namespace(DB).name(table(n)).build())
                    .toList())
            .outputs(
                outputs.stream()
                    .map(n -> OL.newOutputDatasetBuilder().namespace(DB).name(table(n)).build())
                    .toList())
            .build());
    client.emit(
        OL.newRunEventBuilder()
            .eventType(OpenLineage.RunEvent.EventType.COMPLETE)
            .eventTime(at.plusSeconds(30))
            .run(OL.newRunBuilder().runId(runId).build())
            .job(OL.newJobBuilder().namespace(ns).name(job).build())
            .inputs(List.of())
            .outputs(List.of())
            .build());
    return runId;
  }

  /** The graph at {@code path} once {@code done} holds of it (the graph settles), or the last. */
  private static JsonNode await(final String path, final Predicate<JsonNode> done)
      throws Exception {
    final long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    Http.Answer answer = null;
    while (System.nanoTime() < deadline) {
      answer = Http.get(stack.lineageUrl(), path);
      if (answer.status() == 200 && done.test(answer.json())) {
        return answer.json();
      }
      Thread.sleep(200);
    }
    if (answer.status() == 200) {
      return answer.json();
    }
    throw new AssertionError(path + ": " + answer.status() + " " + answer.text());
  }

  private static Set<String> edges(final JsonNode graph) {
    final Set<String> edges = new HashSet<>();
    graph
        .path("edges")
        .forEach(e -> edges.add(e.path("from").asText() + " -> " + e.path("to").asText()));
    return edges;
  }

  private static Set<String> ids(final JsonNode graph) {
    final Set<String> ids = new HashSet<>();
    graph.path("nodes").forEach(n -> ids.add(n.path("id").asText()));
    return ids;
  }

  /** A table's name per namespace, so that the two tests' graphs do not meet. */
  private static String name(final String ns, final String table) {
    return DB + "/" + ns + "." + table;
  }

  private static String table(final String name) {
    return name.substring(DB.length() + 1);
  }

  private static String derived(final String name, final UUID runId) {
    return Digest.sha256(name + "@" + runId).value();
  }

  private static String source(final String name) {
    return Digest.sha256("source:" + name).value();
  }

  private static int[] freePorts(final int count) {
    final List<ServerSocket> sockets = new ArrayList<>();
    try {
      for (int i = 0; i < count; i++) {
        sockets.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
      }
      return sockets.stream().mapToInt(ServerSocket::getLocalPort).toArray();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } finally {
      for (final ServerSocket socket : sockets) {
        try {
          socket.close();
        } catch (IOException ignored) {
          // best effort
        }
      }
    }
  }
}
