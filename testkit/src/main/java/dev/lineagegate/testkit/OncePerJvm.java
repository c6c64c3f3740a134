package dev.lineagegate.testkit;

import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A value computed at most once per JVM, failure included: a component that failed to start is not
 * started again by every following test, which would only repeat the failure slowly.
 */
final class OncePerJvm<T> implements Supplier<T> {

  private final Supplier<T> factory;
  private T value;
  private RuntimeException failure;

  OncePerJvm(final Supplier<T> factory) {
    this.factory = factory;
  }

  @Override
  public synchronized T get() {
    if (value == null && failure == null) {
      try {
        value = factory.get();
      } catch (RuntimeException e) {
        failure = e;
      }
    }
    if (failure != null) {
      throw new IllegalStateException("could not start: " + failure.getMessage(), failure);
    }
    return value;
  }

  /** Runs {@code action} on the value if it was computed; never computes it. */
  synchronized void ifPresent(final Consumer<T> action) {
    if (value != null) {
      action.accept(value);
    }
  }
}
