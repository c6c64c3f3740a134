package dev.lineagegate.stack;

import java.util.List;

/** The stack cannot start; each problem is a sentence that says what to do. */
public final class StackException extends RuntimeException {

  private final transient List<String> problems;

  public StackException(final List<String> problems) {
    super(String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
