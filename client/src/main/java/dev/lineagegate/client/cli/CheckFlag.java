package dev.lineagegate.client.cli;

import dev.lineagegate.avro.CheckSeverity;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One {@code --check NAME=pass|fail[:ERROR|WARNING[:OBSERVED]]}. */
record CheckFlag(String name, boolean passed, CheckSeverity severity, String observed) {

  /**
   * The name is the shortest prefix followed by {@code =pass} or {@code =fail}, so that names such
   * as {@code auc>=0.8} need no quoting beyond the shell's.
   */
  private static final Pattern FORM =
      Pattern.compile("(.+?)=(pass|fail)(?::(ERROR|WARNING)(?::(.*))?)?", Pattern.DOTALL);

  static CheckFlag parse(final String text) {
    final Matcher matcher = FORM.matcher(text);
    if (!matcher.matches()) {
      throw new IllegalArgumentException(
          "--check: expected NAME=pass|fail[:ERROR|WARNING[:OBSERVED]], got \"" + text + "\"");
    }
    return new CheckFlag(
        matcher.group(1),
        matcher.group(2).equals("pass"),
        matcher.group(3) == null ? CheckSeverity.ERROR : CheckSeverity.valueOf(matcher.group(3)),
        matcher.group(4));
  }
}
