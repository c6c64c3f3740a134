package dev.lineagegate.lineagestream.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lineagegate.avro.Alert;
import dev.lineagegate.avro.AlertKind;
import dev.lineagegate.avro.Severity;
import dev.lineagegate.avro.SuggestedAction;
import dev.lineagegate.lineagestream.query.BadRequest;
import dev.lineagegate.schema.id.Digest;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecentAlertsTest {

  private static final Instant T0 = Instant.parse("2026-12-05T00:00:00Z");

  private static Alert alert(
      final String id, final int second, final Severity severity, final String owner) {
    return Alert.newBuilder()
        .setAlertId(id)
        .setKind(AlertKind.VERDICT_WORSENED)
        .setSeverity(severity)
        .setArtifact(Digest.sha256(id).value())
        .setName("name-" + id)
        .setOwner(owner)
        .setSummary("summary " + id)
        .setSuggestedAction(SuggestedAction.RERUN)
        .setRaisedAt(T0.plusSeconds(second))
        .build();
  }

  private static RecentAlerts.Entry entry(final Alert alert, final long offset) {
    return new RecentAlerts.Entry(alert, "http://x/artifacts/" + alert.getArtifact(), 0, offset);
  }

  private static List<String> ids(final List<RecentAlerts.Entry> entries) {
    return entries.stream().map(e -> e.alert().getAlertId()).toList();
  }

  @Test
  void shouldListNewestFirstAndKeepTheBoundWhenMoreAlertsArrive() {
    // Given a tail of 3 and 4 alerts read out of raisedAt order
    final RecentAlerts alerts = new RecentAlerts(3);
    alerts.add(entry(alert("a", 1, Severity.WARN, "x"), 0));
    alerts.add(entry(alert("c", 3, Severity.BLOCK, "x"), 1));
    alerts.add(entry(alert("b", 2, Severity.WARN, "y"), 2));
    alerts.add(entry(alert("d", 4, Severity.BLOCK, "y"), 3));

    // When
    final List<RecentAlerts.Entry> found = alerts.find(AlertQuery.all(10));

    // Then the oldest went
    assertThat(ids(found)).containsExactly("d", "c", "b");
  }

  @Test
  void shouldKeepOneCopyWhenTheSameAlertIdIsReadTwice() {
    // Given a replay of alert a
    final RecentAlerts alerts = new RecentAlerts(10);
    alerts.add(entry(alert("a", 1, Severity.WARN, "x"), 0));
    alerts.add(entry(alert("a", 1, Severity.WARN, "x"), 7));

    // When
    final List<RecentAlerts.Entry> found = alerts.find(AlertQuery.all(10));

    // Then
    assertThat(found).hasSize(1);
    assertThat(found.get(0).offset()).isEqualTo(7);
  }

  @Test
  void shouldFilterBySeverityOwnerAndTimeWhenAsked() {
    // Given
    final RecentAlerts alerts = new RecentAlerts(10);
    alerts.add(entry(alert("a", 1, Severity.WARN, "x"), 0));
    alerts.add(entry(alert("b", 2, Severity.BLOCK, "x"), 1));
    alerts.add(entry(alert("c", 3, Severity.BLOCK, "y"), 2));
    alerts.add(entry(alert("d", 4, Severity.BLOCK, "x"), 3));

    // When
    final AlertQuery query =
        AlertQuery.parse(T0.plusSeconds(2).toString(), "block", "x", null, "5", 10);

    // Then
    assertThat(ids(alerts.find(query))).containsExactly("d", "b");
  }

  @Test
  void shouldNameEveryWrongParameterWhenTheQueryIsBad() {
    // Given / When / Then
    assertThatThrownBy(() -> AlertQuery.parse("yesterday", "LOUD", null, "sha256:x", "0", 10))
        .isInstanceOfSatisfying(
            BadRequest.class,
            e ->
                assertThat(e.errors())
                    .extracting(f -> f.pointer())
                    .containsExactly("/since", "/severity", "/artifact", "/limit"));
  }
}
