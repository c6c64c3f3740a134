package dev.lineagegate.stack.fuzz;

import dev.lineagegate.stack.fuzz.FuzzCase.Service;
import dev.lineagegate.stack.fuzz.Tally.Failure;
import dev.lineagegate.testkit.Http;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The checks over a whole run, after its cases: canaries (native runs, an OpenLineage event over
 * HTTP, one through the bridge) sent last must get their verdicts, which shows the pipeline still
 * processes and that the verdict check is not vacuous; then no output of a refused event may have a
 * verdict; and the bridge must have dead-lettered exactly what HTTP refused.
 */
final class RunChecks {

  private final FuzzSettings settings;
  private final CaseFactory factory;
  private final Verdicts verdicts;
  private final Tally tally;

  RunChecks(
      final FuzzSettings settings,
      final CaseFactory factory,
      final Verdicts verdicts,
      final Tally tally) {
    this.settings = settings;
    this.factory = factory;
    this.verdicts = verdicts;
    this.tally = tally;
  }

  FuzzReport.Checks run(final BridgeFuzz bridge) throws Exception {
    final long seed = settings.seed();
    final List<String> canaries = new ArrayList<>();
    if (bridge != null) {
      final List<String> bridged = new ArrayList<>();
      bridge.sendValid("fuzz/" + seed + "/bridge-canary", factory.openLineageCanary(-20, bridged));
      canaries.addAll(bridged);
    }
    final List<String> overHttp = new ArrayList<>();
    final Http.Answer answer =
        Http.post(
            settings.base(Service.INGEST),
            OpenLineageCases.PATH,
            "application/json",
            factory.openLineageCanary(-21, overHttp));
    if (answer.status() != 201) {
      fail(
          "canary",
          "the OpenLineage canary was answered " + answer.status() + ": " + answer.text());
    }
    canaries.addAll(overHttp);
    for (int i = 0; i < Fuzzer.CANARIES; i++) {
      final String digest = Values.digest(seed, -30 - i, "canary");
      verdicts.run(
          Values.uuid(seed, -30 - i, "canary-run"), "fuzz/" + seed + "/canary" + i, digest);
      canaries.add(digest);
    }
    final Set<String> missing = verdicts.await(canaries, Fuzzer.SETTLE);
    for (final String digest : missing) {
      fail("canary", "canary " + digest + " got no verdict within " + Fuzzer.SETTLE);
    }
    final List<String> refused = tally.refusedOnly();
    for (final String digest : verdicts.withVerdicts(refused, settings.threads())) {
      fail("verdicts", "the output " + digest + " of a refused event has a verdict");
    }
    BridgeFuzz.Result bridged = null;
    if (bridge != null) {
      bridged = bridge.verify(Fuzzer.SETTLE, settings.bootstrap());
      bridged.wrong().forEach(wrong -> fail("bridge", wrong));
    }
    return new FuzzReport.Checks(
        canaries.size(), canaries.size() - missing.size(), refused.size(), bridged);
  }

  private void fail(final String what, final String message) {
    tally.fail(new Failure(0, what, what, message));
  }
}
