package dev.lineagegate.lineagestream.http;

import dev.lineagegate.lineagestream.alerts.AlertJson;
import dev.lineagegate.lineagestream.alerts.AlertQuery;
import dev.lineagegate.lineagestream.alerts.RecentAlerts;
import io.javalin.Javalin;
import io.javalin.http.Context;

/**
 * {@code GET /v1/alerts?since=&severity=&owner=&artifact=&limit=}: recent alerts, newest first, as
 * on {@code lineage.alerts.v1} (DESIGN.md §6.3), from the bounded tail ({@code bound} in the
 * answer).
 */
public final class AlertsResource {

  private final RecentAlerts alerts;

  public AlertsResource(final RecentAlerts alerts) {
    this.alerts = alerts;
  }

  public void routes(final Javalin app) {
    app.get("/v1/alerts", this::list);
  }

  private void list(final Context ctx) {
    final AlertQuery query =
        AlertQuery.parse(
            ctx.queryParam("since"),
            ctx.queryParam("severity"),
            ctx.queryParam("owner"),
            ctx.queryParam("artifact"),
            ctx.queryParam("limit"),
            alerts.capacity());
    QueryResource.json(ctx, AlertJson.list(alerts.find(query), alerts.capacity()));
  }
}
