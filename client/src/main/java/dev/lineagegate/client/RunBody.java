package dev.lineagegate.client;

/**
 * The work of a step, run by {@link IngestClient#run}. It may throw any exception: the run is then
 * reported as FAIL and the same exception reaches the caller.
 *
 * @param <E> the checked exception the work may throw ({@link RuntimeException} when none)
 */
@FunctionalInterface
public interface RunBody<E extends Exception> {

  void execute(RunContext run) throws E;
}
