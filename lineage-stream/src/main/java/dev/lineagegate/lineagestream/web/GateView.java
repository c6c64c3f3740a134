package dev.lineagegate.lineagestream.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the gate said about one artifact, for the artifact page's decision panel: its decision per
 * target and the decisions recorded for it; or why there is nothing to show (no gate configured,
 * the gate down or slow), which the panel says instead of failing the page.
 *
 * @param unavailable null when the gate answered, else the reason shown to people
 * @param decisions per target, the gate's answer to {@code GET /v1/gate/{digest}?target=T}
 * @param recorded the gate's {@code GET /v1/decisions?artifact=D} list, oldest first
 */
public record GateView(
    String unavailable, Map<String, JsonNode> decisions, List<JsonNode> recorded) {

  public GateView {
    // In the order asked (the policy's targets, sorted): Map.copyOf would not keep it.
    decisions = Collections.unmodifiableMap(new LinkedHashMap<>(decisions));
    recorded = List.copyOf(recorded);
  }

  public static GateView unavailable(final String why) {
    return new GateView(why, Map.of(), List.of());
  }

  public boolean available() {
    return unavailable == null;
  }
}
