package dev.lineagegate.ingest.openlineage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Lifecycles of OpenLineage integrations, written for these tests after the shapes their documents
 * and Marquez's seed data show: what lineage-gate must accept as they are. Each quirk is the one
 * real producers have (DESIGN §6.2, VERIFIED-FACTS): Airflow's columnLineage without {@code
 * _producer}/{@code _schemaURL}, Spark without {@code producer}, dbt's {@code jobType} with {@code
 * "_deleted": null} and times without zone, Flink's STREAMING jobType with outputs on every
 * heartbeat, Marquez's seed data without {@code schemaURL} and with outputs on START only.
 */
final class IntegrationEvents {

  static final String SCHEMA_URL =
      "\"schemaURL\": \"https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent\"";

  private IntegrationEvents() {}

  /** A standard facet's base fields, as an integration writes them. */
  private static String base(final String producer, final String facet) {
    return custom(producer, "https://openlineage.io/spec/facets/" + facet);
  }

  /** A custom facet's base fields: its schema lives with the integration. */
  private static String custom(final String producer, final String schemaUrl) {
    return "\"_producer\": \"%s\", \"_schemaURL\": \"%s\"".formatted(producer, schemaUrl);
  }

  /** An Airflow task (older provider: times without zone) in a DAG run: START, COMPLETE. */
  static List<ObjectNode> airflow() {
    final String producer = "https://github.com/apache/airflow/tree/providers-openlineage/1.8.0";
    final String event =
        """
        {"eventType": "%s", "eventTime": "%s", "producer": "%s", %s,
         "run": {"runId": "0193a2c4-5e1f-7d3a-8b2c-4d5e6f708101", "facets": {
           "parent": {%s, "run": {"runId": "0193a2c4-5e1f-7d3a-8b2c-4d5e6f708100"},
                      "job": {"namespace": "airflow", "name": "orders_etl"}},
           "nominalTime": {%s, "nominalStartTime": "2026-11-22T09:00:00.000000"},
           "processing_engine": {%s, "name": "Airflow", "version": "2.9.3",
                                 "openlineageAdapterVersion": "1.8.0"},
           "airflow": {%s, "dag": {"dag_id": "orders_etl"},
                       "task": {"task_id": "load_orders", "operator_class": "SQLExecuteQueryOperator"}}}},
         "job": {"namespace": "airflow", "name": "orders_etl.load_orders", "facets": {
           "jobType": {%s, "processingType": "BATCH", "integration": "AIRFLOW", "jobType": "TASK"},
           "sql": {%s, "query": "INSERT INTO public.orders_clean SELECT id, total FROM public.orders"}}},
         "inputs": [{"namespace": "postgres://db:5432", "name": "shop.public.orders"}],
         "outputs": [{"namespace": "postgres://db:5432", "name": "shop.public.orders_clean",
           "facets": {"columnLineage": {"fields": {
             "id": {"inputFields": [{"namespace": "postgres://db:5432",
                                     "name": "shop.public.orders", "field": "id"}]},
             "total": {"inputFields": [{"namespace": "postgres://db:5432",
                                        "name": "shop.public.orders", "field": "total"}]}}}}}]}
        """;
    final Object[] facets = {
      base(producer, "1-1-0/ParentRunFacet.json#/$defs/ParentRunFacet"),
      base(producer, "1-0-1/NominalTimeRunFacet.json#/$defs/NominalTimeRunFacet"),
      base(producer, "1-1-1/ProcessingEngineRunFacet.json#/$defs/ProcessingEngineRunFacet"),
      custom(
          producer,
          "https://raw.githubusercontent.com/apache/airflow/providers-openlineage/1.8.0/"
              + "airflow/providers/openlineage/facets/AirflowRunFacet.json"),
      base(producer, "2-0-3/JobTypeJobFacet.json#/$defs/JobTypeJobFacet"),
      base(producer, "1-1-0/SQLJobFacet.json#/$defs/SQLJobFacet")
    };
    return List.of(
        json(event, args(facets, "START", "2026-11-22T09:00:01.203000", producer, SCHEMA_URL)),
        json(event, args(facets, "COMPLETE", "2026-11-22T09:02:13.884000", producer, SCHEMA_URL)));
  }

  /** A Spark job without {@code producer} (as seen in the field): START, RUNNING, COMPLETE. */
  static List<ObjectNode> spark() {
    final String producer =
        "https://github.com/OpenLineage/OpenLineage/tree/1.24.2/integration/spark";
    final String event =
        """
        {"eventType": "%s", "eventTime": "%s", %s,
         "run": {"runId": "0193a2c4-5e1f-7d3a-8b2c-4d5e6f708201", "facets": {
           "parent": {%s, "run": {"runId": "0193a2c4-5e1f-7d3a-8b2c-4d5e6f708200"},
                      "job": {"namespace": "spark_default", "name": "orders_daily"}},
           "processing_engine": {%s, "name": "spark", "version": "3.5.3",
                                 "openlineageAdapterVersion": "1.24.2"},
           "spark_properties": {%s, "properties": {"spark.master": "yarn", "spark.app.name": "orders_daily"}}}},
         "job": {"namespace": "spark_default",
                 "name": "orders_daily.execute_insert_into_hadoop_fs_relation_command.warehouse_orders_daily",
                 "facets": {"jobType": {%s, "processingType": "BATCH", "integration": "SPARK",
                                        "jobType": "SQL_JOB"}}},
         "inputs": [{"namespace": "s3://lake", "name": "raw/orders",
                     "facets": {"schema": {%s, "fields": [{"name": "id", "type": "long"}]}}}],
         "outputs": [{"namespace": "s3://lake", "name": "warehouse/orders_daily",
                      "facets": {"symlinks": {%s, "identifiers": [
                        {"namespace": "hive://metastore:9083", "name": "warehouse.orders_daily",
                         "type": "TABLE"}]}}%s}]}
        """;
    final String stats =
        ", \"outputFacets\": {\"outputStatistics\": {%s, \"rowCount\": 1200, \"size\": 48213}}"
            .formatted(base(producer, "1-0-2/OutputStatisticsOutputDatasetFacet.json"));
    final String parent = base(producer, "1-1-0/ParentRunFacet.json");
    final String engine = base(producer, "1-1-1/ProcessingEngineRunFacet.json");
    final String properties =
        custom(producer, "https://openlineage.io/spark/facets/SparkPropertiesFacet.json");
    final String jobType = base(producer, "2-0-3/JobTypeJobFacet.json");
    final String schema = base(producer, "1-1-1/SchemaDatasetFacet.json");
    final String symlinks = base(producer, "1-0-1/SymlinksDatasetFacet.json");
    return List.of(
        json(
            event,
            "START",
            "2026-11-22T09:10:00.000Z",
            SCHEMA_URL,
            parent,
            engine,
            properties,
            jobType,
            schema,
            symlinks,
            ""),
        json(
            event,
            "RUNNING",
            "2026-11-22T09:10:30.000Z",
            SCHEMA_URL,
            parent,
            engine,
            properties,
            jobType,
            schema,
            symlinks,
            ""),
        json(
            event,
            "COMPLETE",
            "2026-11-22T09:11:02.000Z",
            SCHEMA_URL,
            parent,
            engine,
            properties,
            jobType,
            schema,
            symlinks,
            stats));
  }

  /**
   * A dbt model run (older integration: times without zone) in a dbt invocation: START, COMPLETE.
   * Its jobType facet carries {@code "_deleted": null}, as dbt's serialiser writes an unset field.
   */
  static List<ObjectNode> dbt() {
    final String producer = "https://github.com/OpenLineage/OpenLineage/tree/1.9.1/integration/dbt";
    final String event =
        """
        {"eventType": "%s", "eventTime": "%s", "producer": "%s", %s,
         "run": {"runId": "0193a2c4-5e1f-7d3a-8b2c-4d5e6f708301", "facets": {
           "parent": {%s, "run": {"runId": "0193a2c4-5e1f-7d3a-8b2c-4d5e6f708300"},
                      "job": {"namespace": "dbt", "name": "dbt-run-jaffle_shop"}},
           "dbt_version": {%s, "version": "1.7.4"},
           "dbt_run": {%s, "invocation_id": "5f1c7a2e-8d3b-4c6f-9a1e-2b3c4d5e6f70"}}},
         "job": {"namespace": "dbt", "name": "jaffle_shop.model.jaffle_shop.customers", "facets": {
           "jobType": {%s, "_deleted": null, "processingType": "BATCH", "integration": "DBT",
                       "jobType": "MODEL"},
           "sql": {%s, "_deleted": null, "query": "select * from stg_customers", "dialect": "postgres"}}},
         "inputs": [{"namespace": "postgres://warehouse:5432", "name": "jaffle.public.stg_customers"},
                    {"namespace": "postgres://warehouse:5432", "name": "jaffle.public.stg_orders"}],
         "outputs": [{"namespace": "postgres://warehouse:5432", "name": "jaffle.public.customers",
                      "facets": {"dataSource": {%s, "name": "postgres://warehouse:5432",
                                                "uri": "postgres://warehouse:5432"}}}]}
        """;
    final Object[] facets = {
      base(producer, "1-1-0/ParentRunFacet.json#/$defs/ParentRunFacet"),
      custom(
          producer,
          "https://github.com/OpenLineage/OpenLineage/tree/main/integration/common/openlineage/schema/dbt-version-run-facet.json"),
      custom(
          producer,
          "https://github.com/OpenLineage/OpenLineage/tree/main/integration/common/openlineage/schema/dbt-run-run-facet.json"),
      base(producer, "2-0-3/JobTypeJobFacet.json#/$defs/JobTypeJobFacet"),
      base(producer, "1-1-0/SQLJobFacet.json#/$defs/SQLJobFacet"),
      base(producer, "1-0-1/DatasourceDatasetFacet.json#/$defs/DatasourceDatasetFacet")
    };
    return List.of(
        json(event, args(facets, "START", "2026-11-22T09:20:00.118245", producer, SCHEMA_URL)),
        json(event, args(facets, "COMPLETE", "2026-11-22T09:20:04.553921", producer, SCHEMA_URL)));
  }

  /**
   * A Flink streaming job: START, two RUNNING heartbeats (a checkpoint each), every one listing the
   * Kafka topics it reads and writes, as a streaming job never completes.
   */
  static List<ObjectNode> flink() {
    final String producer =
        "https://github.com/OpenLineage/OpenLineage/tree/1.24.2/integration/flink";
    final String event =
        """
        {"eventType": "%s", "eventTime": "%s", "producer": "%s", %s,
         "run": {"runId": "0193a2c4-5e1f-7d3a-8b2c-4d5e6f708401", "facets": {
           "processing_engine": {%s, "name": "flink", "version": "1.19.1",
                                 "openlineageAdapterVersion": "1.24.2"},
           "flink_job": {%s, "jobId": "b6e9cd1e5c9d4bde8a4c9f0e3a2b1c0d"}}},
         "job": {"namespace": "flink-jobs", "name": "orders_enrichment", "facets": {
           "jobType": {%s, "processingType": "STREAMING", "integration": "FLINK",
                       "jobType": "JOB"}}},
         "inputs": [{"namespace": "kafka://broker:9092", "name": "orders"},
                    {"namespace": "kafka://broker:9092", "name": "customers"}],
         "outputs": [{"namespace": "kafka://broker:9092", "name": "orders_enriched"}]}
        """;
    final Object[] facets = {
      base(producer, "1-1-1/ProcessingEngineRunFacet.json#/$defs/ProcessingEngineRunFacet"),
      custom(producer, "https://openlineage.io/spec/facets/flink/FlinkJobFacet.json"),
      base(producer, "2-0-3/JobTypeJobFacet.json#/$defs/JobTypeJobFacet")
    };
    return List.of(
        json(event, args(facets, "START", "2026-11-22T09:30:00.000Z", producer, SCHEMA_URL)),
        json(event, args(facets, "RUNNING", "2026-11-22T09:31:00.000Z", producer, SCHEMA_URL)),
        json(event, args(facets, "RUNNING", "2026-11-22T09:32:00.000Z", producer, SCHEMA_URL)));
  }

  /**
   * Shaped like Marquez's seed data: no {@code schemaURL}, outputs on START only, a COMPLETE with
   * run and job alone. {@code etl_orders} writes {@code public.orders}, which {@code
   * etl_orders_7_days} reads with the menus, menu items and categories.
   */
  static List<ObjectNode> marquezSeed() {
    final String producer =
        "https://github.com/MarquezProject/marquez/blob/main/docker/metadata.json";
    final String start =
        """
        {"eventType": "START", "eventTime": "%s", "producer": "%s",
         "run": {"runId": "%s"},
         "job": {"namespace": "food_delivery", "name": "%s", "facets": {
           "sql": {%s, "query": "%s"}}},
         "inputs": [%s],
         "outputs": [{"namespace": "food_delivery", "name": "%s", "facets": {
           "schema": {%s, "fields": [{"name": "id", "type": "INTEGER"}]}}}]}
        """;
    final String complete =
        """
        {"eventType": "COMPLETE", "eventTime": "%s", "producer": "%s", "run": {"runId": "%s"},
         "job": {"namespace": "food_delivery", "name": "%s"}}
        """;
    final String sql = base(producer, "1-0-0/SQLJobFacet.json");
    final String schema = base(producer, "1-0-0/SchemaDatasetFacet.json");
    final String orders = "0e3b7c61-6a1e-4f0e-9d2b-2f7c5b9a1e01";
    final String weekly = "0e3b7c61-6a1e-4f0e-9d2b-2f7c5b9a1e02";
    final String readsWeekly =
        List.of("public.menus", "public.menu_items", "public.orders", "public.categories").stream()
            .map(name -> "{\"namespace\": \"food_delivery\", \"name\": \"" + name + "\"}")
            .reduce((a, b) -> a + ", " + b)
            .orElseThrow();
    return List.of(
        json(
            start,
            "2026-11-22T09:40:00.000Z",
            producer,
            orders,
            "etl_orders",
            sql,
            "INSERT INTO orders SELECT * FROM tmp_orders;",
            "",
            "public.orders",
            schema),
        json(complete, "2026-11-22T09:41:00.000Z", producer, orders, "etl_orders"),
        json(
            start,
            "2026-11-22T09:42:00.000Z",
            producer,
            weekly,
            "etl_orders_7_days",
            sql,
            "INSERT INTO orders_7_days SELECT o.id FROM orders AS o;",
            readsWeekly,
            "public.orders_7_days",
            schema),
        json(complete, "2026-11-22T09:43:00.000Z", producer, weekly, "etl_orders_7_days"));
  }

  /** {@code first}, then {@code facets}: the arguments of a template, in order. */
  private static Object[] args(final Object[] facets, final Object... first) {
    final Object[] all = new Object[first.length + facets.length];
    System.arraycopy(first, 0, all, 0, first.length);
    System.arraycopy(facets, 0, all, first.length, facets.length);
    return all;
  }

  private static ObjectNode json(final String template, final Object... arguments) {
    return OpenLineageEvents.parse(template.formatted(arguments));
  }
}
