package dev.lineagegate.service.http;

/** A problem decided where it is found (a resource, a service), thrown to reach the mapper. */
public final class ProblemException extends RuntimeException {

  private final transient Problem problem;

  public ProblemException(final Problem problem) {
    super(problem.detail(), null, false, false);
    this.problem = problem;
  }

  public Problem problem() {
    return problem;
  }
}
