package dev.lineagegate.stack.fuzz;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lineagegate.stack.fuzz.FuzzCase.Expect;
import dev.lineagegate.stack.fuzz.FuzzCase.Request;
import dev.lineagegate.stack.fuzz.FuzzCase.Route;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Arrays at the batch limits: 10,001 minimal events (one over the 10,000 allowed, still under the
 * body limit, so the count is what refuses it), 1,000 events of 1 KB each (valid: one Kafka
 * transaction of 1,000 records; or with one bad event, refused whole), and the empty array.
 */
final class BigBatches {

  static final int OVER_COUNT = 10_001;
  static final int KB_EVENTS = 1_000;

  private final ObjectMapper mapper;
  private final long seed;

  BigBatches(final ObjectMapper mapper, final long seed) {
    this.mapper = mapper;
    this.seed = seed;
  }

  FuzzCase build(final long number, final Random random) {
    return switch (random.nextInt(4)) {
      case 0 -> overCount(number);
      case 1 -> kilobytes(number, -1);
      case 2 -> kilobytes(number, random.nextInt(KB_EVENTS));
      default ->
          new FuzzCase(
              number,
              Route.EVENTS,
              "batch:empty",
              Request.json(NativeCases.PATH, "[]"),
              Expect.status(400),
              List.of(),
              false);
    };
  }

  /** Short ids keep 10,001 events under 1 MiB: the 400 is for the count, not a 413. */
  private FuzzCase overCount(final long number) {
    final StringBuilder body = new StringBuilder(OVER_COUNT * 100).append('[');
    for (int i = 0; i < OVER_COUNT; i++) {
      body.append(i == 0 ? "" : ",")
          .append("{\"eventId\":\"")
          .append(Integer.toString(i, 36))
          .append("\",\"eventType\":\"START\",\"eventTime\":\"2026-11-22T10:00:00Z\",")
          .append("\"run\":{\"runId\":\"r\",\"step\":\"s\"}}");
    }
    return new FuzzCase(
        number,
        Route.EVENTS,
        "batch:" + OVER_COUNT,
        Request.json(NativeCases.PATH, body.append(']').toString()),
        Expect.status(400),
        List.of(),
        false);
  }

  /** 1,000 COMPLETE events of 1 KB, each with an output; {@code bad} ≥ 0 gets a NUL in its step. */
  private FuzzCase kilobytes(final long number, final int bad) {
    final List<String> digests = new ArrayList<>();
    final StringBuilder body = new StringBuilder(KB_EVENTS * 1_030).append('[');
    for (int i = 0; i < KB_EVENTS; i++) {
      final String digest = Values.digest(seed, number, "kb/" + i);
      digests.add(digest);
      final ObjectNode event = mapper.createObjectNode();
      event.put("eventId", Values.uuid(seed, number, "kb-event/" + i));
      event.put("eventType", "COMPLETE");
      event.put("eventTime", "2026-11-22T10:00:00Z");
      event
          .putObject("run")
          .put("runId", Values.uuid(seed, number, "kb-run/" + i))
          .put("step", i == bad ? "kb\u0000step" : "kb-step");
      event
          .putArray("outputs")
          .addObject()
          .put("name", "fuzz/" + seed + "/" + number + "/kb" + i)
          .put("digest", digest);
      event.put("producer", "");
      final int length = event.toString().getBytes(StandardCharsets.UTF_8).length;
      event.put("producer", "p".repeat(Math.max(0, 1_024 - length)));
      body.append(i == 0 ? "" : ",").append(event);
    }
    return new FuzzCase(
        number,
        Route.EVENTS,
        bad < 0 ? "batch:1000x1KB" : "batch:1000x1KB:control",
        Request.json(NativeCases.PATH, body.append(']').toString()),
        bad < 0 ? Expect.status(202) : Expect.status(400),
        digests,
        false);
  }
}
