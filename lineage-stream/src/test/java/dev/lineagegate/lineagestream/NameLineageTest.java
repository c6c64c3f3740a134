package dev.lineagegate.lineagestream;

import static dev.lineagegate.lineagestream.MarquezSeed.CATEGORIES;
import static dev.lineagegate.lineagestream.MarquezSeed.CUSTOMERS;
import static dev.lineagegate.lineagestream.MarquezSeed.DELIVERY;
import static dev.lineagegate.lineagestream.MarquezSeed.ETL_DELIVERY;
import static dev.lineagegate.lineagestream.MarquezSeed.ETL_MENUS;
import static dev.lineagegate.lineagestream.MarquezSeed.ETL_ORDERS;
import static dev.lineagegate.lineagestream.MarquezSeed.ETL_SEVEN_DAYS;
import static dev.lineagegate.lineagestream.MarquezSeed.MENUS;
import static dev.lineagegate.lineagestream.MarquezSeed.ORDERS;
import static dev.lineagegate.lineagestream.MarquezSeed.SEVEN_DAYS;
import static dev.lineagegate.lineagestream.MarquezSeed.version;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lineagegate.lineagestream.graph.Address;
import dev.lineagegate.lineagestream.query.NameGraph;
import dev.lineagegate.lineagestream.query.NotFound;
import dev.lineagegate.policy.Policy;
import dev.lineagegate.testkit.TestEvents;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The name-level lineage (DESIGN.md §6.3) of Marquez's seed graph, aggregated from the stores a
 * TopologyTestDriver fills: datasets and jobs both ways, at several depths.
 */
class NameLineageTest {

  @Test
  void shouldShowEveryJobAndDatasetWhenAskedBothWaysFromTheMiddle() {
    try (TopologyHarness h = seeded()) {
      // When
      final NameGraph graph = h.queries().nameLineage(SEVEN_DAYS, "both", "3", null);
      // Then every dataset and job around public.orders_7_days, with their newest version or run
      assertThat(graph.root()).isEqualTo("dataset:" + SEVEN_DAYS);
      assertThat(graph.truncated()).isFalse();
      assertThat(nodes(graph))
          .containsExactlyInAnyOrder(
              dataset(h, SEVEN_DAYS, ETL_SEVEN_DAYS),
              job(h, "etl_orders_7_days", ETL_SEVEN_DAYS, SEVEN_DAYS),
              dataset(h, ORDERS, ETL_ORDERS),
              dataset(h, MENUS, ETL_MENUS),
              "dataset:" + CATEGORIES + " " + sourceStatus(h, CATEGORIES) + " 0",
              job(h, "etl_orders", ETL_ORDERS, ORDERS),
              job(h, "etl_menus", ETL_MENUS, MENUS),
              job(h, "etl_delivery_7_days", ETL_DELIVERY, DELIVERY),
              dataset(h, DELIVERY, ETL_DELIVERY));
      assertThat(edges(graph))
          .containsExactlyInAnyOrder(
              "job:etl_orders_7_days -> dataset:" + SEVEN_DAYS,
              "dataset:" + ORDERS + " -> job:etl_orders_7_days",
              "dataset:" + MENUS + " -> job:etl_orders_7_days",
              "dataset:" + CATEGORIES + " -> job:etl_orders_7_days",
              "job:etl_orders -> dataset:" + ORDERS,
              "job:etl_menus -> dataset:" + MENUS,
              "dataset:" + SEVEN_DAYS + " -> job:etl_delivery_7_days",
              "job:etl_delivery_7_days -> dataset:" + DELIVERY);
    }
  }

  @Test
  void shouldStopAtTheDepthCountedInJobsWhenWalkingUpstream() {
    try (TopologyHarness h = seeded()) {
      // When
      final NameGraph one = h.queries().nameLineage(DELIVERY, "upstream", "1", null);
      final NameGraph two = h.queries().nameLineage(DELIVERY, "upstream", "2", null);
      final NameGraph three = h.queries().nameLineage(DELIVERY, "upstream", "3", null);
      // Then
      assertThat(ids(one))
          .containsExactly(
              "dataset:" + DELIVERY,
              "job:etl_delivery_7_days",
              "dataset:" + SEVEN_DAYS,
              "dataset:" + CUSTOMERS);
      assertThat(ids(two))
          .containsExactly(
              "dataset:" + DELIVERY,
              "job:etl_delivery_7_days",
              "dataset:" + SEVEN_DAYS,
              "dataset:" + CUSTOMERS,
              "job:etl_orders_7_days",
              "dataset:" + ORDERS,
              "dataset:" + MENUS,
              "dataset:" + CATEGORIES);
      assertThat(ids(three)).hasSize(10).contains("job:etl_orders", "job:etl_menus");
      assertThat(edges(three))
          .hasSize(9)
          .contains(
              "dataset:" + CUSTOMERS + " -> job:etl_delivery_7_days",
              "job:etl_menus -> dataset:" + MENUS);
    }
  }

  @Test
  void shouldFindANameOnlyReadWhenWalkingDownstreamFromIt() {
    try (TopologyHarness h = seeded()) {
      // When public.categories, which no run produced, is asked about
      final NameGraph one = h.queries().nameLineage(CATEGORIES, "downstream", "1", null);
      final NameGraph two = h.queries().nameLineage(CATEGORIES, "downstream", "2", null);
      final NameGraph up = h.queries().nameLineage(CATEGORIES, "upstream", "5", null);
      // Then its readers are found through its source node
      assertThat(edges(one))
          .containsExactly(
              "dataset:" + CATEGORIES + " -> job:etl_orders_7_days",
              "job:etl_orders_7_days -> dataset:" + SEVEN_DAYS);
      assertThat(edges(two))
          .containsExactly(
              "dataset:" + CATEGORIES + " -> job:etl_orders_7_days",
              "job:etl_orders_7_days -> dataset:" + SEVEN_DAYS,
              "dataset:" + SEVEN_DAYS + " -> job:etl_delivery_7_days",
              "job:etl_delivery_7_days -> dataset:" + DELIVERY);
      assertThat(nodes(up))
          .containsExactly("dataset:" + CATEGORIES + " " + sourceStatus(h, CATEGORIES) + " 0");
    }
  }

  @Test
  void shouldFindANameReadByDigestOnlyWhenNoRunProducedIt() {
    try (TopologyHarness h = new TopologyHarness(Policy.defaults())) {
      // Given the train run, which reads features by digest (a raw source)
      h.send(TestEvents.trainStart()).send(TestEvents.trainComplete());
      // When
      final NameGraph graph = h.queries().nameLineage(TestEvents.FEATURES, "downstream", "1", null);
      // Then
      assertThat(edges(graph))
          .containsExactly(
              "dataset:" + TestEvents.FEATURES + " -> job:train",
              "job:train -> dataset:" + TestEvents.MODEL);
      assertThat(nodes(graph))
          .contains(
              "dataset:" + TestEvents.FEATURES + " PASS 0",
              "job:train " + TestEvents.TRAIN_RUN + " PASS");
    }
  }

  @Test
  void shouldShowPendingOutputsAndTheNewestRunWhenAJobRunsAgain() {
    try (TopologyHarness h = seeded()) {
      // Given a second run of etl_orders_7_days, still open (its output declared on START)
      final String again = TestEvents.runId(905);
      h.send(
          MarquezSeed.start(
              again, "etl_orders_7_days", 20, List.of(ORDERS), List.of("public.orders_7_days_v2")));
      // When
      final NameGraph graph = h.queries().nameLineage(ORDERS, "downstream", "1", null);
      // Then the open run is the job's newest, without a status yet, and its output is shown
      assertThat(nodes(graph))
          .contains(
              "job:etl_orders_7_days " + again + " null", "dataset:public.orders_7_days_v2 null 0");
      assertThat(edges(graph))
          .containsExactly(
              "dataset:" + ORDERS + " -> job:etl_orders_7_days",
              "job:etl_orders_7_days -> dataset:" + SEVEN_DAYS,
              "job:etl_orders_7_days -> dataset:public.orders_7_days_v2");
      // When it completes, public.orders_7_days_v2 has a version and the job that run's status
      h.send(MarquezSeed.complete(again, "etl_orders_7_days", 21));
      assertThat(nodes(h.queries().nameLineage(ORDERS, "downstream", "1", null)))
          .contains(job(h, "etl_orders_7_days", again, "public.orders_7_days_v2"));
    }
  }

  @Test
  void shouldAnswerNotFoundWhenTheNameIsUnknown() {
    try (TopologyHarness h = seeded()) {
      // When / Then
      assertThatThrownBy(() -> h.queries().nameLineage("public.nothing", null, null, null))
          .isInstanceOf(NotFound.class)
          .hasMessageContaining("public.nothing");
    }
  }

  private static TopologyHarness seeded() {
    final TopologyHarness h = new TopologyHarness(Policy.defaults());
    MarquezSeed.events().forEach(h::send);
    return h;
  }

  private static String dataset(final TopologyHarness h, final String name, final String runId) {
    return "dataset:" + name + " " + status(h, version(name, runId)) + " 1";
  }

  private static String job(
      final TopologyHarness h, final String step, final String runId, final String output) {
    return "job:" + step + " " + runId + " " + status(h, version(output, runId));
  }

  private static String sourceStatus(final TopologyHarness h, final String name) {
    return status(h, Address.source(name));
  }

  private static String status(final TopologyHarness h, final String digest) {
    return h.queries().verdict(digest).path("status").asText();
  }

  private static List<String> ids(final NameGraph graph) {
    return graph.nodes().stream().map(NameGraph.Node::id).toList();
  }

  private static List<String> nodes(final NameGraph graph) {
    return graph.nodes().stream()
        .map(
            n ->
                n.job()
                    ? n.id() + " " + n.lastRunId() + " " + n.status()
                    : n.id() + " " + n.status() + " " + n.versions())
        .toList();
  }

  private static List<String> edges(final NameGraph graph) {
    return graph.edges().stream().map(e -> e.from() + " -> " + e.to()).toList();
  }
}
