package dev.lineagegate.policy;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A name pattern of the policy file (DESIGN.md §7): {@code *} matches any run of characters within
 * one path segment (no {@code /}), {@code **} any run across segments, and every other character
 * stands for itself. Artifact names such as {@code s3://raw/x/y.parquet} are full of regex
 * metacharacters, so the literal parts are quoted rather than trusted; the pattern is compiled once
 * because a policy is consulted for every input of every run.
 */
public final class Glob {

  private final String text;
  private final Pattern pattern;

  private Glob(final String text, final Pattern pattern) {
    this.text = text;
    this.pattern = pattern;
  }

  /** Compiles {@code glob}; an empty or null glob is refused because it can only be a mistake. */
  public static Glob compile(final String glob) {
    if (glob == null || glob.isEmpty()) {
      throw new IllegalArgumentException("a glob must not be empty");
    }
    return new Glob(glob, Pattern.compile(toRegex(glob), Pattern.DOTALL));
  }

  /** True when the whole of {@code name} matches; a null name matches nothing. */
  public boolean matches(final String name) {
    return name != null && pattern.matcher(name).matches();
  }

  /** The glob as written in the policy file. */
  public String text() {
    return text;
  }

  /** The regular expression the glob compiles to (for diagnostics and tests). */
  public String regex() {
    return pattern.pattern();
  }

  private static String toRegex(final String glob) {
    final StringBuilder regex = new StringBuilder();
    final StringBuilder literal = new StringBuilder();
    int i = 0;
    while (i < glob.length()) {
      final char c = glob.charAt(i);
      if (c != '*') {
        literal.append(c);
        i++;
        continue;
      }
      flush(literal, regex);
      if (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
        regex.append(".*");
        i += 2;
      } else {
        regex.append("[^/]*");
        i++;
      }
    }
    flush(literal, regex);
    return regex.toString();
  }

  private static void flush(final StringBuilder literal, final StringBuilder regex) {
    if (literal.length() > 0) {
      regex.append(Pattern.quote(literal.toString()));
      literal.setLength(0);
    }
  }

  @Override
  public boolean equals(final Object other) {
    return other instanceof Glob glob && glob.text.equals(text);
  }

  @Override
  public int hashCode() {
    return Objects.hash(text);
  }

  @Override
  public String toString() {
    return text;
  }
}
