package dev.lineagegate.policy;

/**
 * A policy file that cannot be used. The message reads {@code <source>:<line>: <reason>} (the
 * convention of compilers, so editors and CI logs link to the spot) because a service refuses to
 * start on a bad policy (DESIGN.md §7) and whoever reads the error must be able to fix the file
 * without guessing.
 */
public final class PolicyException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String source;
  private final int line;
  private final String reason;

  /** {@code line} is 1-based; 0 or less when no line applies (it is then left out). */
  public PolicyException(final String source, final int line, final String reason) {
    super(source + (line > 0 ? ":" + line : "") + ": " + reason);
    this.source = source;
    this.line = line;
    this.reason = reason;
  }

  /** Where the policy came from: the file name, or what the caller of {@code parse} named it. */
  public String source() {
    return source;
  }

  /** The 1-based line of the offending key or value, 0 when unknown. */
  public int line() {
    return line;
  }

  /** What is wrong, without the source and the line. */
  public String reason() {
    return reason;
  }
}
