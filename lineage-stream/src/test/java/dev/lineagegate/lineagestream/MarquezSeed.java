package dev.lineagegate.lineagestream;

import dev.lineagegate.avro.EventType;
import dev.lineagegate.avro.ExecutionEvent;
import dev.lineagegate.avro.InputArtifact;
import dev.lineagegate.avro.OutputArtifact;
import dev.lineagegate.avro.RunInfo;
import dev.lineagegate.lineagestream.graph.Address;
import dev.lineagegate.testkit.TestEvents;
import java.util.List;

/**
 * Marquez's seed graph as OpenLineage integrations report it: names only, outputs on START,
 * COMPLETE without outputs. etl_orders → public.orders; etl_menus → public.menus; etl_orders_7_days
 * reads public.orders, public.menus, public.categories → public.orders_7_days; etl_delivery_7_days
 * reads public.orders_7_days, public.customers → public.delivery_7_days.
 */
final class MarquezSeed {

  static final String ORDERS = "public.orders";
  static final String MENUS = "public.menus";
  static final String CATEGORIES = "public.categories";
  static final String SEVEN_DAYS = "public.orders_7_days";
  static final String CUSTOMERS = "public.customers";
  static final String DELIVERY = "public.delivery_7_days";

  static final String ETL_ORDERS = TestEvents.runId(901);
  static final String ETL_MENUS = TestEvents.runId(902);
  static final String ETL_SEVEN_DAYS = TestEvents.runId(903);
  static final String ETL_DELIVERY = TestEvents.runId(904);

  private MarquezSeed() {}

  /** The four runs, each START then COMPLETE. */
  static List<ExecutionEvent> events() {
    return List.of(
        start(ETL_ORDERS, "etl_orders", 1, List.of(), List.of(ORDERS)),
        complete(ETL_ORDERS, "etl_orders", 2),
        start(ETL_MENUS, "etl_menus", 1, List.of(), List.of(MENUS)),
        complete(ETL_MENUS, "etl_menus", 3),
        start(
            ETL_SEVEN_DAYS,
            "etl_orders_7_days",
            5,
            List.of(ORDERS, MENUS, CATEGORIES),
            List.of(SEVEN_DAYS)),
        complete(ETL_SEVEN_DAYS, "etl_orders_7_days", 6),
        start(
            ETL_DELIVERY,
            "etl_delivery_7_days",
            8,
            List.of(SEVEN_DAYS, CUSTOMERS),
            List.of(DELIVERY)),
        complete(ETL_DELIVERY, "etl_delivery_7_days", 9));
  }

  /** The version a run produced of a name reported without a digest. */
  static String version(final String name, final String runId) {
    return Address.derived(name, runId);
  }

  static ExecutionEvent start(
      final String runId,
      final String job,
      final int minute,
      final List<String> inputs,
      final List<String> outputs) {
    return event(runId, job, EventType.START, minute, inputs, outputs);
  }

  static ExecutionEvent complete(final String runId, final String job, final int minute) {
    return event(runId, job, EventType.COMPLETE, minute, List.of(), List.of());
  }

  private static ExecutionEvent event(
      final String runId,
      final String job,
      final EventType type,
      final int minute,
      final List<String> inputs,
      final List<String> outputs) {
    final List<InputArtifact> in = inputs.stream().map(n -> TestEvents.input(n, null)).toList();
    final List<OutputArtifact> out = outputs.stream().map(n -> TestEvents.output(n, null)).toList();
    return ExecutionEvent.newBuilder()
        .setEventId(TestEvents.eventId(runId, type.name()))
        .setEventType(type)
        .setEventTime(TestEvents.T0.plusSeconds(60L * minute))
        .setRun(RunInfo.newBuilder().setRunId(runId).setStep(job).setOwner("data").build())
        .setInputs(in)
        .setOutputs(out)
        .setProducer("https://github.com/OpenLineage/OpenLineage/tree/1.55.0/integration/airflow")
        .build();
  }
}
