package dev.lineagegate.ingest.openlineage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lineagegate.avro.EventType;
import dev.lineagegate.avro.ExecutionEvent;
import dev.lineagegate.avro.OutputArtifact;
import dev.lineagegate.avro.RunMode;
import dev.lineagegate.ingest.OpenLineageService;
import dev.lineagegate.schema.contract.EventContract;
import dev.lineagegate.schema.json.InvalidEventException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Airflow, Spark, dbt, Flink and Marquez-seed lifecycles ({@link IntegrationEvents}) through
 * ingest's OpenLineage path: each event accepted by default with exactly the warnings its
 * producer's quirk earns, mapped with the outputs it lists whatever its type; strict mode refuses
 * the quirky ones.
 */
class IntegrationLifecyclesTest {

  private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
  private static final OpenLineageService LENIENT = new OpenLineageService();
  private static final OpenLineageService STRICT =
      new OpenLineageService(new OpenLineageValidator(true, false), new OpenLineageMapper());

  @Test
  void shouldAcceptAirflowWithColumnLineageWarningsWhenItsFacetLacksBaseFields() {
    // Given an Airflow task's START and COMPLETE, columnLineage without _producer/_schemaURL
    final List<ObjectNode> events = IntegrationEvents.airflow();
    // When / Then each is accepted with those two warnings, the facet being read as usual
    for (final ObjectNode event : events) {
      assertThat(warnings(event))
          .containsExactly(
              "/outputs/0/facets/columnLineage/_producer: is required",
              "/outputs/0/facets/columnLineage/_schemaURL: is required");
      assertRefusedWhenStrict(event, "/outputs/0/facets/columnLineage/_producer");
    }
    // and mapped: the DAG is the pipeline, the zoneless time is UTC, outputs on START kept
    final ExecutionEvent start = mapped(events.get(0));
    assertThat(start.getRun().getPipeline()).isEqualTo("airflow/orders_etl");
    assertThat(start.getRun().getStep()).isEqualTo("airflow/orders_etl.load_orders");
    assertThat(start.getRun().getMode()).isEqualTo(RunMode.BATCH);
    assertThat(start.getEventTime()).isEqualTo(Instant.parse("2026-11-22T09:00:01.203Z"));
    assertThat(start.getEnvironment().getTools()).containsEntry("Airflow", "2.9.3");
    assertThat(outputNames(start)).containsExactly("postgres://db:5432/shop.public.orders_clean");
    assertThat(mapped(events.get(1)).getEventType()).isEqualTo(EventType.COMPLETE);
  }

  @Test
  void shouldAcceptSparkWithAProducerWarningWhenItsEventsHaveNoProducer() {
    // Given a Spark job's START, RUNNING and COMPLETE without producer
    final List<ObjectNode> events = IntegrationEvents.spark();
    for (final ObjectNode event : events) {
      // When / Then accepted, flagged once each
      assertThat(warnings(event)).containsExactly("/producer: is required");
      assertRefusedWhenStrict(event, "/producer");
      // and every one keeps its output, START and RUNNING (mapped to START) included
      assertThat(outputNames(mapped(event))).containsExactly("s3://lake/warehouse/orders_daily");
      assertThat(mapped(event).getProducer()).isNull();
    }
    assertThat(events.stream().map(e -> mapped(e).getEventType()))
        .containsExactly(EventType.START, EventType.START, EventType.COMPLETE);
    assertThat(mapped(events.get(2)).getOutputs().get(0).getSizeBytes()).isEqualTo(48213L);
    assertThat(mapped(events.get(0)).getRun().getPipeline())
        .isEqualTo("spark_default/orders_daily");
  }

  @Test
  void shouldAcceptDbtWithoutWarningWhenItsFacetsSayDeletedNull() {
    // Given a dbt model's START and COMPLETE: "_deleted": null, times without zone
    final List<ObjectNode> events = IntegrationEvents.dbt();
    for (final ObjectNode event : events) {
      // When / Then null means "not deleted": nothing to flag, in either mode
      assertThat(warnings(event)).isEmpty();
      assertThat(STRICT.interpret(event).warnings()).isEmpty();
      // and the jobType facet is read: a batch run; the output is kept on START too
      assertThat(mapped(event).getRun().getMode()).isEqualTo(RunMode.BATCH);
      assertThat(outputNames(mapped(event)))
          .containsExactly("postgres://warehouse:5432/jaffle.public.customers");
    }
    assertThat(mapped(events.get(0)).getEventTime())
        .isEqualTo(Instant.parse("2026-11-22T09:20:00.118Z"));
    assertThat(mapped(events.get(0)).getRun().getPipeline()).isEqualTo("dbt/dbt-run-jaffle_shop");
  }

  @Test
  void shouldMapAStreamingRunWithOutputsOnEveryHeartbeatWhenFlinkSaysStreaming() {
    // Given a Flink job's START and two RUNNING heartbeats (jobType STREAMING)
    final List<ObjectNode> events = IntegrationEvents.flink();
    for (final ObjectNode event : events) {
      // When
      final ExecutionEvent mapped = mapped(event);
      // Then accepted without warning, a streaming run, its output on every event
      assertThat(warnings(event)).isEmpty();
      assertThat(mapped.getRun().getMode()).isEqualTo(RunMode.STREAMING);
      assertThat(mapped.getEventType()).isEqualTo(EventType.START);
      assertThat(outputNames(mapped)).containsExactly("kafka://broker:9092/orders_enriched");
      assertThat(mapped.getInputs()).hasSize(2);
    }
  }

  @Test
  void shouldAcceptMarquezSeedDataWithASchemaUrlWarningWhenOutputsComeOnStartOnly() {
    // Given Marquez-shaped seed events: no schemaURL, outputs on START, bare COMPLETEs
    final List<ObjectNode> events = IntegrationEvents.marquezSeed();
    for (final ObjectNode event : events) {
      // When / Then each is accepted, flagged for its missing schemaURL
      assertThat(warnings(event)).containsExactly("/schemaURL: is required");
      assertRefusedWhenStrict(event, "/schemaURL");
      assertThat(mapped(event).getRun().getMode()).isNull();
    }
    // and the START of etl_orders_7_days keeps both sides of its lineage
    final ExecutionEvent weekly = mapped(events.get(2));
    assertThat(weekly.getEventType()).isEqualTo(EventType.START);
    assertThat(weekly.getInputs())
        .extracting(input -> input.getName())
        .containsExactly(
            "food_delivery/public.menus",
            "food_delivery/public.menu_items",
            "food_delivery/public.orders",
            "food_delivery/public.categories");
    assertThat(outputNames(weekly)).containsExactly("food_delivery/public.orders_7_days");
    assertThat(outputNames(mapped(events.get(0)))).containsExactly("food_delivery/public.orders");
    assertThat(mapped(events.get(1)).getOutputs()).isEmpty();
  }

  /** The event's warnings as "pointer: detail", each passing the contract once mapped. */
  private static List<String> warnings(final ObjectNode event) {
    final OpenLineageService.Interpreted interpreted = LENIENT.interpret(event);
    final ExecutionEvent mapped = ((OpenLineageRecord.Run) interpreted.record()).event();
    assertThat(EventContract.violations(mapped, "", NOW)).isEmpty();
    return interpreted.warnings().stream().map(Warning::line).toList();
  }

  private static ExecutionEvent mapped(final ObjectNode event) {
    return ((OpenLineageRecord.Run) LENIENT.interpret(event).record()).event();
  }

  private static List<String> outputNames(final ExecutionEvent event) {
    return event.getOutputs().stream().map(OutputArtifact::getName).toList();
  }

  private static void assertRefusedWhenStrict(final ObjectNode event, final String pointer) {
    assertThatThrownBy(() -> STRICT.interpret(event))
        .isInstanceOfSatisfying(
            InvalidEventException.class,
            e -> assertThat(e.errors()).extracting(error -> error.pointer()).contains(pointer));
  }
}
