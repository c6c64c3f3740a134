package dev.lineagegate.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lineagegate.testkit.TestEvents;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code lineage-gate lineage} against a lineage-stream on 127.0.0.1 answering canned graphs. */
class LineageCommandTest {

  private static final String RUN_A = "7f1d3c52-2b8e-4a57-9c1e-5d7a9b0e0387";
  private static final String RUN_B = "7f1d3c52-2b8e-4a57-9c1e-5d7a9b0e0388";

  /** Upstream of public.delivery_7_days, as lineage-stream answers it. */
  private static final String DELIVERY_UPSTREAM =
      """
      {"root": "dataset:public.delivery_7_days", "direction": "upstream", "depth": 5,
       "truncated": false,
       "nodes": [
        {"id": "dataset:public.delivery_7_days", "kind": "dataset",
         "name": "public.delivery_7_days", "status": "WARN", "versions": 1},
        {"id": "job:etl_delivery_7_days", "kind": "job", "step": "etl_delivery_7_days",
         "lastRunId": "%s", "status": "WARN"},
        {"id": "dataset:public.orders_7_days", "kind": "dataset", "name": "public.orders_7_days",
         "status": "PASS", "versions": 2},
        {"id": "dataset:public.customers", "kind": "dataset", "name": "public.customers",
         "status": null, "versions": 0},
        {"id": "job:etl_orders_7_days", "kind": "job", "step": "etl_orders_7_days",
         "lastRunId": "%s", "status": "PASS"},
        {"id": "dataset:public.categories", "kind": "dataset", "name": "public.categories",
         "status": "PASS", "versions": 0}],
       "edges": [
        {"from": "job:etl_delivery_7_days", "to": "dataset:public.delivery_7_days"},
        {"from": "dataset:public.orders_7_days", "to": "job:etl_delivery_7_days"},
        {"from": "dataset:public.customers", "to": "job:etl_delivery_7_days"},
        {"from": "job:etl_orders_7_days", "to": "dataset:public.orders_7_days"},
        {"from": "dataset:public.categories", "to": "job:etl_orders_7_days"}]}
      """
          .formatted(RUN_A, RUN_B);

  private final CliHarness cli = new CliHarness();

  @Test
  void shouldDrawDatasetsAndJobsAsATreeWhenANameIsGiven() throws IOException {
    try (FakeGate lineage = FakeGate.start()) {
      // Given
      lineage.answer(200, DELIVERY_UPSTREAM);
      // When
      final int exit =
          cli.run(
              "lineage",
              "--name",
              "public.delivery_7_days",
              "--lineage-url",
              lineage.url().toString());
      // Then
      assertThat(exit).isZero();
      assertThat(lineage.requests())
          .containsExactly(
              new FakeGate.Request(
                  "GET", "/v1/lineage?name=public.delivery_7_days&direction=upstream&depth=5", ""));
      assertThat(cli.out())
          .isEqualTo(
              """
              public.delivery_7_days (1 version) [WARN]
              └─ etl_delivery_7_days (job, last run 7f1d3c52-2b8…) [WARN]
                 ├─ public.orders_7_days (2 versions) [PASS]
                 │  └─ etl_orders_7_days (job, last run 7f1d3c52-2b8…) [PASS]
                 │     └─ public.categories (0 versions) [PASS]
                 └─ public.customers (0 versions) [no verdict]
              web view: %s/names/public.delivery_7_days
              """
                  .formatted(lineage.url()));
      assertThat(cli.err()).isEmpty();
    }
  }

  @Test
  void shouldSendTheNameAsOneParameterWhenItHoldsSlashesAndSpaces() throws IOException {
    try (FakeGate lineage = FakeGate.start()) {
      // Given
      lineage.answer(200, DELIVERY_UPSTREAM);
      // When
      final int exit =
          cli.run(
              "lineage",
              "--name",
              "s3://b/my data&more.parquet",
              "--direction",
              "downstream",
              "--depth",
              "2",
              "--format",
              "json",
              "--lineage-url",
              lineage.url().toString());
      // Then the answer is printed as it came
      assertThat(exit).isZero();
      assertThat(lineage.requests())
          .extracting(FakeGate.Request::uri)
          .containsExactly(
              "/v1/lineage?name=s3%3A%2F%2Fb%2Fmy%20data%26more.parquet"
                  + "&direction=downstream&depth=2");
      assertThat(cli.out()).isEqualTo(DELIVERY_UPSTREAM);
    }
  }

  @Test
  void shouldAskTheDigestRouteWhenADigestIsGiven() throws IOException {
    try (FakeGate lineage = FakeGate.start()) {
      // Given
      final String model = TestEvents.MODEL_V1.value();
      lineage.answer(
          200,
          """
          {"root": "%s", "nodes": [
            {"id": "%s", "kind": "artifact", "digest": "%s", "name": "model:churn",
             "status": "PASS"}],
           "edges": []}
          """
              .formatted(model, model, model));
      // When
      final int exit =
          cli.run("lineage", model, "--format", "tree", "--lineage-url", lineage.url().toString());
      // Then
      assertThat(exit).isZero();
      assertThat(lineage.requests())
          .extracting(FakeGate.Request::uri)
          .containsExactly("/v1/lineage/" + model + "?direction=upstream&depth=5");
      assertThat(cli.out())
          .isEqualTo(
              "model:churn sha256:"
                  + model.substring(7, 19)
                  + "… [PASS]\nweb view: "
                  + lineage.url()
                  + "/artifacts/"
                  + model
                  + "\n");
    }
  }

  @Test
  void shouldExitTwoWhenTheNameIsUnknownOrTheRootIsAmbiguous() throws IOException {
    try (FakeGate lineage = FakeGate.start()) {
      // Given
      lineage.problem(
          404, "{\"status\": 404, \"detail\": \"no dataset named x is known\"}", Map.of());
      final String url = lineage.url().toString();
      // When
      final int unknown = cli.run("lineage", "--name", "x", "--lineage-url", url);
      final int both =
          cli.run("lineage", TestEvents.MODEL_V1.value(), "--name", "x", "--lineage-url", url);
      final int neither = cli.run("lineage", "--lineage-url", url);
      // Then
      assertThat(unknown).isEqualTo(2);
      assertThat(both).isEqualTo(2);
      assertThat(neither).isEqualTo(2);
      assertThat(lineage.requests()).hasSize(1);
      assertThat(cli.err())
          .contains("lineage: HTTP 404 from " + url + ": ")
          .contains("no dataset named x is known")
          .contains("lineage: give either a DIGEST or --name NAME");
    }
  }
}
