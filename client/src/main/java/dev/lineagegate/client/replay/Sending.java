package dev.lineagegate.client.replay;

import dev.lineagegate.client.EventRejectedException;
import dev.lineagegate.client.IngestClient;
import dev.lineagegate.client.IngestException;
import dev.lineagegate.client.IngestUnavailableException;
import dev.lineagegate.client.OpenLineageAnswer;
import dev.lineagegate.schema.json.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The requests of a replay and what their answers mean for each line. A batch is all or nothing at
 * ingest: when it is refused, the events its errors name ({@code /i/…}) are refused and the others
 * are sent again without them (same bytes, same eventIds); when an error names no event (a
 * body-level problem), the batch is halved until each refusal has its line. A unit's lines are
 * settled in the tally only once each has its verdict; a unit cut short by an unreachable ingest
 * stays unsettled, so the resume line comes before it.
 */
final class Sending {

  private final IngestClient client;
  private final ReplayTally tally;
  private volatile Replayer.Outcome failure;
  private volatile String failureMessage;

  Sending(final IngestClient client, final ReplayTally tally) {
    this.client = client;
    this.tally = tally;
  }

  Replayer.Outcome failure() {
    return failure;
  }

  String failureMessage() {
    return failureMessage;
  }

  void batch(final NativeBatch batch) {
    if (send(batch)) {
      tally.settle(batch.firstLine());
    }
  }

  void openLineage(final String file, final long line, final byte[] event) {
    if (failure != null) {
      return;
    }
    tally.requests.incrementAndGet();
    try {
      final OpenLineageAnswer answer = client.sendOpenLineage(event);
      tally.accepted.incrementAndGet();
      if (!answer.warnings().isEmpty()) {
        tally.warned.incrementAndGet();
      }
    } catch (EventRejectedException e) {
      if (!refusal(e)) {
        return;
      }
      tally.refuse(new Refusal(file, line, Refusal.REFUSED, e.status(), e.detail(), e.errors()));
    } catch (IngestException e) {
      fail(e);
      return;
    }
    tally.settle(line);
  }

  /** Sends a batch until each of its lines has a verdict; false when sending failed. */
  private boolean send(final NativeBatch batch) {
    if (failure != null) {
      return false;
    }
    tally.requests.incrementAndGet();
    try {
      client.sendJson(batch.events(), batch.eventIds());
      tally.accepted.addAndGet(batch.size());
      return true;
    } catch (EventRejectedException e) {
      return refusal(e) && rejected(batch, e);
    } catch (IngestException e) {
      fail(e);
      return false;
    }
  }

  private boolean rejected(final NativeBatch batch, final EventRejectedException e) {
    final Map<Integer, List<FieldError>> byEvent = byEvent(e.errors(), batch.size());
    if (batch.size() == 1) {
      final List<FieldError> errors =
          byEvent == null ? e.errors() : byEvent.getOrDefault(0, e.errors());
      refuse(batch, 0, e, errors);
      return true;
    }
    if (byEvent == null || byEvent.isEmpty()) {
      final int half = batch.size() / 2;
      return send(batch.subset(range(0, half))) && send(batch.subset(range(half, batch.size())));
    }
    final List<Integer> rest = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      if (byEvent.containsKey(i)) {
        refuse(batch, i, e, byEvent.get(i));
      } else {
        rest.add(i);
      }
    }
    return rest.isEmpty() || send(batch.subset(rest));
  }

  private void refuse(
      final NativeBatch batch,
      final int index,
      final EventRejectedException e,
      final List<FieldError> errors) {
    final String detail = errors.isEmpty() ? e.detail() : errors.get(0).toString();
    tally.refuse(
        new Refusal(
            batch.file(), batch.lines().get(index), Refusal.REFUSED, e.status(), detail, errors));
  }

  /**
   * The errors by the index of the event they name, pointers made relative to the event; null when
   * one of them names no event of the batch.
   */
  static Map<Integer, List<FieldError>> byEvent(final List<FieldError> errors, final int size) {
    final Map<Integer, List<FieldError>> byEvent = new TreeMap<>();
    for (final FieldError error : errors) {
      final String pointer = error.pointer();
      final int slash = pointer.indexOf('/', 1);
      final String index =
          slash < 0
              ? pointer.substring(Math.min(1, pointer.length()))
              : pointer.substring(1, slash);
      final int i;
      try {
        i = Integer.parseInt(index);
      } catch (NumberFormatException notAnIndex) {
        return null;
      }
      if (!pointer.startsWith("/") || i < 0 || i >= size) {
        return null;
      }
      byEvent
          .computeIfAbsent(i, key -> new ArrayList<>())
          .add(new FieldError(slash < 0 ? "" : pointer.substring(slash), error.message()));
    }
    return byEvent;
  }

  /** 400 and 413 refuse events; any other 4xx says the URL is not ingest's: stop. */
  private boolean refusal(final EventRejectedException e) {
    if (e.status() == 400 || e.status() == 413) {
      return true;
    }
    fail(e);
    return false;
  }

  private void fail(final IngestException e) {
    synchronized (this) {
      if (failure == null) {
        failureMessage = e.getMessage();
        failure =
            e instanceof IngestUnavailableException
                ? Replayer.Outcome.UNREACHABLE
                : Replayer.Outcome.UNEXPECTED;
      }
    }
  }

  private static List<Integer> range(final int from, final int to) {
    final List<Integer> indexes = new ArrayList<>(to - from);
    for (int i = from; i < to; i++) {
      indexes.add(i);
    }
    return indexes;
  }
}
