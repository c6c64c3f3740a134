package dev.lineagegate.service.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.lineagegate.schema.DeadLetter;
import dev.lineagegate.service.guard.ProcessingGuard.Position;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.MockProcessorContext.CapturedForward;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

class GuardedProcessorTest {

  private static final String SINK = "dead-letter-sink";
  private static final Position AT = new Position("lineage.events.v1", 2, 41L);

  private final ProcessingGuard guard = new ProcessingGuard();
  private final List<String> processed = new ArrayList<>();

  @Test
  void shouldDeadLetterInsteadOfProcessingWhenTheRecordKilledAThreadTwice() {
    // Given a record that was in process twice when a stream thread died
    final MockProcessorContext<String, String> context = context();
    final Processor<String, String, String, String> guarded = guarded(context);
    dieOn(guarded, context);
    dieOn(guarded, context);

    // When it comes a third time
    guarded.process(new Record<>("run-1", "poison", 5L));

    // Then it goes to the dead-letter sink as it came, with why, and is not processed
    assertThat(processed).containsExactly("poison", "poison");
    final List<CapturedForward<? extends String, ? extends String>> forwarded = context.forwarded();
    assertThat(forwarded).hasSize(1);
    assertThat(forwarded.get(0).childName()).contains(SINK);
    assertThat(forwarded.get(0).record().key()).isEqualTo("run-1");
    assertThat(forwarded.get(0).record().value()).isEqualTo("poison");
    assertThat(DeadLetter.header(forwarded.get(0).record().headers(), DeadLetter.EXCEPTION))
        .isEqualTo(GuardedProcessor.QuarantinedRecordException.class.getName());
    assertThat(DeadLetter.header(forwarded.get(0).record().headers(), DeadLetter.MESSAGE))
        .isEqualTo(
            "quarantined: processing it killed a stream thread 2 times; last error:"
                + " java.lang.StackOverflowError: deeper");
    assertThat(DeadLetter.header(forwarded.get(0).record().headers(), DeadLetter.OFFSET))
        .isEqualTo("41");
    assertThat(guard.quarantinedRecords()).isEqualTo(1);
  }

  @Test
  void shouldNotCountARecordWhenItsExceptionIsHandledByStreams() {
    // Given a record whose processing throws an exception (Streams' handler skips it)
    final MockProcessorContext<String, String> context = context();
    final Processor<String, String, String, String> guarded =
        GuardedProcessor.<String, String, String, String>of(
                () ->
                    new Processor<>() {
                      @Override
                      public void process(final Record<String, String> record) {
                        throw new IllegalStateException("a bug");
                      }
                    },
                SINK)
            .get();
    guarded.init(context);

    // When it fails, and the thread later dies of something else
    catchThrowable(() -> guarded.process(new Record<>("k", "v", 1L)));

    // Then the record is not counted against: nothing was in process
    assertThat(guard.threadDied(new OutOfMemoryError())).isEmpty();
  }

  @Test
  void shouldProcessNormallyWhenTheRecordOnlyKilledAThreadOnce() {
    // Given a record that was in process once when a thread died
    final MockProcessorContext<String, String> context = context();
    final Processor<String, String, String, String> guarded = guarded(context);
    dieOn(guarded, context);

    // When it comes again and goes through
    processed.clear();
    final Processor<String, String, String, String> healthy = guarded(context);
    healthy.process(new Record<>("run-1", "fine", 5L));

    // Then it was processed, nothing dead-lettered
    assertThat(processed).containsExactly("fine");
    assertThat(context.forwarded()).isEmpty();
  }

  @Test
  void shouldCountTheParentsRecordWhenAGuardedChildDiesAfterReturning() {
    // Given a guarded processor that forwards to a guarded child (one record, two processors),
    // and dies after the child returned
    final MockProcessorContext<String, String> context = context();
    final Processor<String, String, String, String> child = guarded(context);
    final Processor<String, String, String, String> parent =
        GuardedProcessor.<String, String, String, String>of(
                () ->
                    new Processor<>() {
                      @Override
                      public void process(final Record<String, String> record) {
                        child.process(record);
                        throw new StackOverflowError("after the child");
                      }
                    },
                SINK)
            .get();
    parent.init(context);

    // When the thread dies on it
    final Throwable thrown =
        catchThrowable(() -> parent.process(new Record<>("run-1", "fine", 5L)));

    // Then the record still counts against: the child did not end the parent's record
    assertThat(processed).containsExactly("fine");
    assertThat(guard.threadDied(thrown)).contains(AT);
  }

  /** The record kills the thread: an Error escapes, and the runner's handler is told. */
  private void dieOn(
      final Processor<String, String, String, String> guarded,
      final MockProcessorContext<String, String> context) {
    final Throwable thrown =
        catchThrowable(() -> guarded.process(new Record<>("run-1", "poison", 5L)));
    assertThat(thrown).isInstanceOf(StackOverflowError.class);
    assertThat(guard.threadDied(thrown)).contains(AT);
    context.resetForwards();
  }

  private Processor<String, String, String, String> guarded(
      final MockProcessorContext<String, String> context) {
    final Processor<String, String, String, String> guarded =
        GuardedProcessor.<String, String, String, String>of(
                () ->
                    new Processor<>() {
                      @Override
                      public void process(final Record<String, String> record) {
                        processed.add(record.value());
                        if (record.value().equals("poison")) {
                          throw new StackOverflowError(processed.size() == 1 ? "deep" : "deeper");
                        }
                      }
                    },
                SINK)
            .get();
    guarded.init(context);
    return guarded;
  }

  private MockProcessorContext<String, String> context() {
    final Properties props = new Properties();
    props.put("application.id", "guard-test");
    props.put("bootstrap.servers", "127.0.0.1:9");
    props.put(ProcessingGuard.CONFIG, guard);
    final MockProcessorContext<String, String> context = new MockProcessorContext<>(props);
    context.setRecordMetadata(AT.topic(), AT.partition(), AT.offset());
    return context;
  }
}
