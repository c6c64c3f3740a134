package dev.lineagegate.stack.fuzz;

import dev.lineagegate.stack.fuzz.FuzzCase.Service;
import dev.lineagegate.stack.fuzz.Sender.Answer;
import dev.lineagegate.stack.fuzz.Tally.Failure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A run of the fuzzer against running services: a known artifact first (so queries and promotions
 * reach the stores), the cases on {@code threads} threads with the checks of {@link AnswerChecks}
 * on each answer, then the checks over the whole run: canaries sent last get their verdicts, no
 * refused event's output has one, the bridge dead-lettered exactly what HTTP refused.
 */
final class Fuzzer {

  static final Duration SETTLE = Duration.ofSeconds(180);
  static final int CANARIES = 6;

  private final FuzzSettings settings;

  Fuzzer(final FuzzSettings settings) {
    this.settings = settings;
  }

  FuzzReport run() throws Exception {
    final long started = System.nanoTime();
    final Tally tally = new Tally(settings.first(), settings.cases());
    final Verdicts verdicts =
        new Verdicts(settings.base(Service.INGEST), settings.base(Service.LINEAGE));
    final CaseFactory factory =
        new CaseFactory(settings.seed(), settings.openLineage(), settings.tokens());
    try (Rss rss = settings.pid() == null ? null : new Rss(settings.pid());
        BridgeFuzz bridge =
            settings.bootstrap() == null || settings.replay()
                ? null
                : new BridgeFuzz(settings.bootstrap(), settings.seed())) {
      if (!settings.replay()) {
        known(verdicts, tally);
      }
      cases(factory, bridge, tally, rss);
      final FuzzReport.Checks checks =
          settings.replay()
              ? FuzzReport.Checks.NONE
              : new RunChecks(settings, factory, verdicts, tally).run(bridge);
      return new FuzzReport(
          settings,
          Duration.ofNanos(System.nanoTime() - started),
          tally,
          checks,
          rss == null ? -1 : rss.before(),
          rss == null ? -1 : rss.peak(),
          rss == null ? -1 : rss.read());
    }
  }

  private void known(final Verdicts verdicts, final Tally tally) throws Exception {
    final Known known = Known.of(settings.seed());
    verdicts.run(known.runId(), known.name(), known.digest());
    // Its verdict and its name are separate stores, updated a moment apart: both are awaited.
    if (!verdicts.await(List.of(known.digest()), SETTLE).isEmpty()
        || !verdicts.awaitName(known.name(), SETTLE)) {
      tally.fail(new Failure(0, "setup", "known", "the known artifact is not known in " + SETTLE));
    }
  }

  private void cases(
      final CaseFactory factory, final BridgeFuzz bridge, final Tally tally, final Rss rss)
      throws InterruptedException {
    final Sender sender = new Sender(settings.bases());
    final long end = settings.first() + settings.cases();
    final AtomicLong next = new AtomicLong(settings.first());
    final ExecutorService pool = Executors.newFixedThreadPool(settings.threads());
    for (int t = 0; t < settings.threads(); t++) {
      pool.submit(
          () -> {
            for (long n = next.getAndIncrement(); n < end; n = next.getAndIncrement()) {
              one(factory, sender, bridge, tally, n);
            }
          });
    }
    pool.shutdown();
    final long started = System.nanoTime();
    while (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
      progress(tally, rss, started);
    }
  }

  private void one(
      final CaseFactory factory,
      final Sender sender,
      final BridgeFuzz bridge,
      final Tally tally,
      final long number) {
    final FuzzCase fuzzCase;
    try {
      fuzzCase = factory.build(number);
    } catch (RuntimeException e) {
      tally.fail(new Failure(number, "fuzzer", "build", "the fuzzer could not build it: " + e));
      return;
    }
    try {
      final Answer answer = sender.send(fuzzCase.service(), fuzzCase.request());
      tally.record(fuzzCase, answer, AnswerChecks.violations(fuzzCase, answer));
      if (bridge != null && fuzzCase.bridged() && answer.failure() == null) {
        bridge.send(fuzzCase, answer.status());
      }
    } catch (RuntimeException e) {
      // An answer the raw reader cannot parse, say: reported, and the other cases go on.
      tally.fail(Failure.of(fuzzCase, "no answer: " + e));
    }
  }

  private void progress(final Tally tally, final Rss rss, final long started) {
    final long done = tally.answered();
    final double seconds = (System.nanoTime() - started) / 1e9;
    final List<String> parts = new ArrayList<>();
    parts.add("fuzz seed=" + settings.seed() + ": " + done + "/" + settings.cases() + " cases");
    parts.add(String.format("%.0f/s", done / Math.max(seconds, 0.001)));
    parts.add("failures " + tally.failureCount());
    parts.add(String.format("p99 %.0f ms", tally.latencies(null)[1]));
    if (rss != null) {
      parts.add("rss " + rss.read() / (1024 * 1024) + " MiB");
    }
    settings.progress().accept(String.join(", ", parts));
  }
}
