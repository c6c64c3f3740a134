package dev.lineagegate.client.imports;

import dev.lineagegate.avro.Reproducibility;
import java.io.PrintWriter;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an import did, printed as it goes: one line per image on standard output (file, tool and
 * format, digest, events sent, the grade to expect and its gaps), refusals and names not found on
 * standard error, and the summary at the end.
 */
final class ImportTally {

  private final PrintWriter out;
  private final PrintWriter err;
  private final Map<String, Integer> byTool = new TreeMap<>();
  private final long startNanos = System.nanoTime();
  private int imported;
  private int refused;
  private int events;
  private int notFound;

  ImportTally(final PrintWriter out, final PrintWriter err) {
    this.out = out;
    this.err = err;
  }

  void record(final Importer.Outcome outcome) {
    if (outcome instanceof Importer.Refused r) {
      refused++;
      err.println(
          "refused "
              + Printable.of(r.source().path().toString())
              + ": "
              + Printable.of(r.reason()));
      err.flush();
      return;
    }
    final Importer.Imported i = (Importer.Imported) outcome;
    imported++;
    events += i.sent();
    notFound += i.missing().size();
    final String tool = i.result().generation().generator().label();
    byTool.merge(tool, 1, Integer::sum);
    final Reproducibility expected = i.result().expected();
    out.println(
        Printable.of(i.source().name())
            + "  "
            + tool
            + " "
            + i.result().format()
            + "  "
            + i.result().image().value()
            + "  "
            + i.sent()
            + (i.sent() == 1 ? " event" : " events")
            + "  expect "
            + expected.getGrade()
            + (expected.getGaps().isEmpty()
                ? ""
                : ": " + Printable.of(String.join("; ", expected.getGaps()))));
    out.flush();
    for (final String missing : i.missing()) {
      err.println("  not found: " + Printable.of(missing));
    }
    err.flush();
  }

  int imported() {
    return imported;
  }

  int refused() {
    return refused;
  }

  void summary(final HashCache cache) {
    final double seconds = Math.max(1e-3, (System.nanoTime() - startNanos) / 1e9);
    err.println(
        String.format(
            "imported %,d of %,d images %s, %,d refused, %,d events sent; %,d files hashed"
                + " (%,d MiB), %,d names not found; %.1f images/s",
            imported,
            imported + refused,
            byTool,
            refused,
            events,
            cache.hashedFiles(),
            cache.hashedBytes() / (1024 * 1024),
            notFound,
            (imported + refused) / seconds));
    err.flush();
  }
}
