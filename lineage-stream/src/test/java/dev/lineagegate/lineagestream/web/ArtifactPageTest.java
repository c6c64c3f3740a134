package dev.lineagegate.lineagestream.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lineagegate.schema.id.Digest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ArtifactPageTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String IMAGE = Digest.sha256("image").value();
  private static final String MODEL = Digest.sha256("model").value();

  private static ObjectNode verdict(final String name) {
    final ObjectNode verdict = JSON.createObjectNode();
    verdict.put("artifact", IMAGE).put("name", name).put("status", "BLOCK");
    final ObjectNode reason = verdict.putArray("reasons").addObject();
    reason.put("code", "UPSTREAM_BLOCKED").put("severity", "BLOCK");
    reason.put("message", "ancestor <b>model</b> is BLOCK");
    reason.putObject("evidence").put("ancestors", MODEL).put("note", "<img src=x onerror=1>");
    verdict.putObject("reproducibility").put("grade", "PARTIAL").putArray("gaps").add("no seed");
    verdict.put("producingRunId", "r-1").put("recipe", (String) null);
    verdict.putArray("reproducedBy");
    verdict
        .put("policyVersion", "sha256:p")
        .put("sequence", 2)
        .put("evaluatedAt", "2026-12-05T00:00:00Z");
    return verdict;
  }

  @Test
  void shouldRenderEveryUserTextAsTextWhenTheVerdictHoldsMarkup() {
    // Given a name, a message and evidence that hold markup
    final ObjectNode verdict = verdict("<script>alert(1)</script>");

    // When
    final String html = ArtifactPage.body(verdict, GateView.unavailable("down"), null, "");

    // Then no element comes from the data
    assertThat(html)
        .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
        .contains("ancestor &lt;b&gt;model&lt;/b&gt; is BLOCK")
        .contains("&lt;img src=x onerror=1&gt;")
        .doesNotContain("<script>")
        .doesNotContain("<img")
        .doesNotContain("<b>");
  }

  @Test
  void shouldLinkTheAncestorAndPickItAsBlockerWhenUpstreamBlocked() {
    // Given
    final ObjectNode verdict = verdict("image:churn-serving");

    // When
    final String html = ArtifactPage.body(verdict, GateView.unavailable("down"), null, "");
    final Set<String> blockers = WebResource.blockers(verdict);

    // Then
    assertThat(html)
        .contains(
            "<a href=\"/artifacts/"
                + MODEL
                + "\" title=\""
                + MODEL
                + "\">"
                + MODEL.substring(0, 19)
                + "…</a>");
    assertThat(blockers).containsExactly(MODEL);
  }

  @Test
  void shouldSaySoAndKeepThePageWhenTheGateIsDown() {
    // Given
    final GateView down = GateView.unavailable("the gate at http://127.0.0.1:1 is unavailable");

    // When
    final String html = ArtifactPage.body(verdict("m"), down, null, "<section id=\"lineage\">");

    // Then
    assertThat(html)
        .contains("id=\"gate-unavailable\"")
        .contains("the gate at http://127.0.0.1:1 is unavailable")
        .contains("id=\"reasons\"")
        .contains("<section id=\"lineage\">");
  }

  @Test
  void shouldShowEachTargetAndRecordedDecisionWhenTheGateAnswers() throws Exception {
    // Given
    final JsonNode prod =
        JSON.readTree("{\"decision\":\"BLOCK\",\"reasons\":[{\"code\":\"UPSTREAM_BLOCKED\"}]}");
    final JsonNode recorded =
        JSON.readTree(
            "{\"decision\":\"ALLOW\",\"target\":\"dev\",\"requestedBy\":\"<ci>\","
                + "\"decidedAt\":\"2026-12-05T00:00:01Z\"}");
    final Map<String, JsonNode> decisions = new LinkedHashMap<>();
    decisions.put("dev", JSON.readTree("{\"decision\":\"ALLOW\",\"reasons\":[]}"));
    decisions.put("prod", prod);
    final GateView gate = new GateView(null, decisions, List.of(recorded));

    // When
    final String html = ArtifactPage.body(verdict("m"), gate, null, "");

    // Then
    assertThat(html)
        .contains("<tr id=\"decision-prod\"><td>prod</td>")
        .contains(">BLOCK</span></td><td>blocked by UPSTREAM_BLOCKED</td>")
        .contains("<td>&lt;ci&gt;</td><td>2026-12-05T00:00:01Z</td>")
        .contains("<td>nothing stands in the way</td>");
    assertThat(html.indexOf("decision-dev")).isLessThan(html.indexOf("decision-prod"));
  }
}
