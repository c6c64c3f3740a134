package dev.lineagegate.client.replay;

import java.time.Duration;
import java.util.List;

/**
 * The summary at the end of a replay (or at Ctrl-C): counts, the first lines not accepted with
 * their first problem, why sending stopped, and the command that resumes where this one ended.
 */
public final class ReplaySummary {

  /**
   * @param files the files as named on the command line, in order
   * @param rejects the rejects file, or null
   * @param failure why sending stopped early (ingest unreachable, an unexpected answer), or null
   */
  public record Ending(
      Replayer.Outcome outcome,
      String failure,
      Replayer.ResumePoint resume,
      List<String> files,
      String rejects,
      long skippedLines) {}

  private ReplaySummary() {}

  public static String render(final ReplayTally tally, final Duration elapsed, final Ending end) {
    final StringBuilder text = new StringBuilder();
    final long settled = tally.settled();
    text.append("replay: ")
        .append(Shown.count(settled))
        .append(" events in ")
        .append(Shown.duration(elapsed))
        .append(" (")
        .append(Shown.count(Shown.rate(settled, elapsed)))
        .append("/s, ")
        .append(Shown.count(tally.requests.get()))
        .append(" requests)\n");
    row(text, "accepted", tally.accepted());
    if (tally.warned() > 0) {
      text.append("    of which with warnings ").append(Shown.count(tally.warned())).append('\n');
    }
    row(text, "refused", tally.refused());
    row(text, "not JSON", tally.notJson());
    if (tally.blank() > 0) {
      row(text, "blank lines", tally.blank());
    }
    if (end.skippedLines() > 0) {
      row(text, "skipped (--from-line)", end.skippedLines());
    }
    refusals(text, tally, end.rejects());
    ending(text, end);
    return text.toString();
  }

  private static void row(final StringBuilder text, final String label, final long count) {
    text.append("  ").append(label);
    text.append(" ".repeat(Math.max(1, 24 - label.length())));
    final String shown = Shown.count(count);
    text.append(" ".repeat(Math.max(0, 11 - shown.length()))).append(shown).append('\n');
  }

  private static void refusals(
      final StringBuilder text, final ReplayTally tally, final String rejects) {
    final List<Refusal> first = tally.firstRefusals();
    if (first.isEmpty()) {
      return;
    }
    final long all = tally.refused() + tally.notJson();
    text.append(first.size() < all ? "first " + first.size() + " of " : "")
        .append(Shown.count(all))
        .append(all == 1 ? " line" : " lines")
        .append(" not accepted")
        .append(rejects == null ? " (all of them: --rejects FILE)" : " (all in " + rejects + ")")
        .append(":\n");
    for (final Refusal refusal : first) {
      text.append("  ").append(refusal.file()).append(':').append(refusal.line()).append("  ");
      if (Refusal.NOT_JSON.equals(refusal.reason())) {
        text.append("not JSON: ");
      } else if (refusal.status() > 0) {
        text.append("HTTP ").append(refusal.status()).append(": ");
      }
      text.append(oneLine(refusal.firstProblem())).append('\n');
    }
  }

  private static void ending(final StringBuilder text, final Ending end) {
    final Replayer.ResumePoint resume = end.resume();
    final String why =
        switch (end.outcome()) {
          case DONE -> null;
          case STOPPED -> "stopped before the end";
          case UNREACHABLE -> "ingest unreachable, stopped: " + end.failure();
          case UNEXPECTED -> "stopped on an answer that is not ingest's: " + end.failure();
        };
    if (why == null) {
      final String last = end.files().get(end.files().size() - 1);
      text.append("every line has its verdict; lines appended to ")
          .append(last)
          .append(" later start at --from-line ")
          .append(resume.line())
          .append('\n');
      return;
    }
    text.append(why).append('\n');
    text.append("resume from line ")
        .append(resume.line())
        .append(" of ")
        .append(end.files().get(resume.fileIndex()))
        .append(" (the same options; events already accepted after it are sent again and")
        .append(" dropped as duplicates):\n  lineage-gate replay --from-line ")
        .append(resume.line());
    end.files()
        .subList(resume.fileIndex(), end.files().size())
        .forEach(file -> text.append(' ').append(file));
    text.append('\n');
  }

  private static String oneLine(final String text) {
    final String flat = text.replace('\n', ' ').replace('\r', ' ');
    return flat.length() <= 300 ? flat : flat.substring(0, 300) + "…";
  }
}
