package dev.lineagegate.gate.service;

import dev.lineagegate.avro.GateDecision;
import dev.lineagegate.gate.stream.StoreKeys;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Promotion requests, idempotent on (artifact, requestId). Requests for one artifact all reach the
 * instance owning it (the HTTP layer routes them), so idempotency is settled here:
 *
 * <ol>
 *   <li>concurrent duplicates wait for the first one's future, and get its decision;
 *   <li>later duplicates find it in the recently published map (bounded), or in the {@code
 *       gate-requests} store once the topology has read the record back (that survives restarts);
 *   <li>a retry after a publish that failed (a 503: timed out, yet perhaps appended) sends the same
 *       decision again, and the topology keeps the first copy of a request: one decision counts.
 * </ol>
 *
 * A request answers once its decision is acknowledged by the broker and, bounded by the apply
 * timeout, read back into the stores, so that a revocation can already see the promotion.
 */
public final class Promotions {

  private static final int RECENT = 100_000;

  /** A decision and whether this request created it (false: a replay of an earlier one). */
  public record Outcome(GateDecision decision, boolean created) {}

  /** Where the topology records the decision that counts for a request (store gate-requests). */
  @FunctionalInterface
  interface RequestLookup {
    Optional<GateDecision> request(String digest, String requestId);
  }

  private final RequestLookup stores;
  private final DecisionPublisher publisher;
  private final Duration applyTimeout;
  private final Map<String, CompletableFuture<GateDecision>> inFlight = new ConcurrentHashMap<>();
  private final Map<String, GateDecision> unconfirmed = bounded();
  private final Map<String, GateDecision> recent = bounded();

  Promotions(
      final RequestLookup stores, final DecisionPublisher publisher, final Duration applyTimeout) {
    this.stores = stores;
    this.publisher = publisher;
    this.applyTimeout = applyTimeout;
  }

  Outcome promote(final RequestBodies.Promotion request, final Supplier<GateDecision> decide) {
    final String key = StoreKeys.request(request.artifact(), request.requestId());
    final CompletableFuture<GateDecision> mine = new CompletableFuture<>();
    final CompletableFuture<GateDecision> first = inFlight.putIfAbsent(key, mine);
    if (first != null) {
      return new Outcome(same(request, join(first)), false);
    }
    try {
      final Optional<GateDecision> earlier = earlier(request, key);
      if (earlier.isPresent()) {
        mine.complete(earlier.get());
        return new Outcome(same(request, earlier.get()), false);
      }
      // A decision whose publish failed may still have been appended: the retry sends that same
      // decision again rather than deciding anew, so both copies say the same.
      final GateDecision retried = unconfirmed.get(key);
      final GateDecision sent = retried != null ? same(request, retried) : decide.get();
      unconfirmed.put(key, sent);
      publisher.publish(sent);
      await(() -> readBack(request).isPresent(), applyTimeout);
      // The topology keeps the first decision of a request (see ArtifactProcessor): when an
      // earlier copy landed first (a retry after a restart decided again), that one is the answer.
      final Optional<GateDecision> counted = readBack(request);
      if (counted.isEmpty()) {
        // Acknowledged, not read back in time (lag, rebalance): answer with it, but remember it
        // only as sent, so that a retry re-sends it and a duplicate asks the store again.
        mine.complete(sent);
        return new Outcome(sent, true);
      }
      unconfirmed.remove(key);
      recent.put(key, counted.get());
      mine.complete(counted.get());
      // Ids are per request, so two decisions of one request can share one: compare them whole.
      return new Outcome(same(request, counted.get()), counted.get().equals(sent));
    } catch (RuntimeException e) {
      mine.completeExceptionally(e);
      throw e;
    } finally {
      inFlight.remove(key, mine);
    }
  }

  /** The decision the topology recorded for the request, if it can be read now. */
  private Optional<GateDecision> readBack(final RequestBodies.Promotion request) {
    try {
      return stores.request(request.artifact(), request.requestId());
    } catch (RuntimeException e) {
      return Optional.empty(); // a store restoring or moving: not read back yet
    }
  }

  /** The newest {@value #RECENT} entries, oldest evicted first. */
  private static Map<String, GateDecision> bounded() {
    return Collections.synchronizedMap(
        new LinkedHashMap<>() {
          @Override
          protected boolean removeEldestEntry(final Map.Entry<String, GateDecision> eldest) {
            return size() > RECENT;
          }
        });
  }

  private Optional<GateDecision> earlier(final RequestBodies.Promotion request, final String key) {
    final GateDecision published = recent.get(key);
    return published != null
        ? Optional.of(published)
        : stores.request(request.artifact(), request.requestId());
  }

  /** The same requestId for another target is a client bug: say so instead of replaying. */
  private static GateDecision same(
      final RequestBodies.Promotion request, final GateDecision earlier) {
    if (!earlier.getTarget().equals(request.target())) {
      throw GateErrors.conflict(
          "requestId "
              + request.requestId()
              + " was already used for target "
              + earlier.getTarget()
              + "; use a new requestId for another target");
    }
    return earlier;
  }

  private GateDecision join(final CompletableFuture<GateDecision> first) {
    try {
      return first.get(applyTimeout.toMillis() * 4, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime; // the first request's failure (e.g. a 503) is this one's too
      }
      throw new IllegalStateException(e.getCause());
    } catch (TimeoutException e) {
      throw GateErrors.unavailable(
          "a duplicate of this request is still being answered", applyTimeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw GateErrors.unavailable("interrupted", applyTimeout);
    }
  }

  /** Polls {@code done} until true or the timeout; the answer does not depend on it. */
  static void await(final BooleanSupplier done, final Duration timeout) {
    final long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (done.getAsBoolean()) {
          return;
        }
      } catch (RuntimeException e) {
        // a store moving under the query: keep waiting within the bound
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
