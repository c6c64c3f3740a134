package dev.lineagegate.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.lineagegate.avro.ExecutionEvent;
import dev.lineagegate.config.Settings;
import dev.lineagegate.schema.json.ExecutionEventJson;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Sends execution events to ingest ({@code POST /v1/events}, DESIGN.md §6.1) and reports runs with
 * {@link #run}. Retries connection failures, timeouts and 5xx answers with the same bytes, so the
 * same eventIds (see {@link IngestHttp}); never retries a 4xx. Thread-safe; one instance per
 * process is enough.
 */
public final class IngestClient {

  /** The base URL when neither the builder nor the environment says otherwise. */
  public static final String DEFAULT_URL = "http://127.0.0.1:8080";

  /** The setting of the base URL; overridden by {@code LINEAGE_GATE_INGEST_URL}. */
  public static final String URL_SETTING = "ingest.url";

  private static final String EVENTS = "/v1/events";
  private static final String OPENLINEAGE = "/api/v1/lineage";

  private final IngestConfig config;
  private final ObjectMapper mapper = new ObjectMapper();
  private final ExecutionEventJson json = new ExecutionEventJson(mapper);
  private final IngestAnswers answers = new IngestAnswers(mapper);
  private final IngestHttp http;

  private IngestClient(final IngestConfig config, final IngestHttp.Sleeper sleeper) {
    this.config = config;
    this.http = new IngestHttp(config, sleeper, Clock.systemUTC(), answers);
  }

  /** A builder whose base URL is {@link #defaultBaseUrl()}. */
  public static Builder builder() {
    return new Builder(defaultBaseUrl());
  }

  /**
   * {@code LINEAGE_GATE_INGEST_URL} if set, else the JVM system property {@code ingest.url}, else
   * {@link #DEFAULT_URL}.
   */
  public static URI defaultBaseUrl() {
    return defaultBaseUrl(Settings.load(Map.of(URL_SETTING, DEFAULT_URL), null));
  }

  static URI defaultBaseUrl(final Settings settings) {
    return settings.uri(URL_SETTING);
  }

  public URI baseUrl() {
    return config.baseUrl();
  }

  /**
   * Sends one event and returns where it was written.
   *
   * @throws EventRejectedException ingest refused it (4xx); sending it again will not help
   * @throws IngestUnavailableException every attempt failed; sending it again later is safe
   */
  public Receipt send(final ExecutionEvent event) {
    final String body = json.writeString(event);
    return answers.receipts(http.post(EVENTS, body), List.of(event.getEventId())).get(0);
  }

  /**
   * Sends events in one request: ingest writes all of them or none. An empty list sends nothing.
   *
   * @return one receipt per event, in order
   * @throws EventRejectedException ingest refused them; the errors' pointers start with the index
   * @throws IngestUnavailableException every attempt failed; sending them again later is safe
   */
  public List<Receipt> send(final List<ExecutionEvent> events) {
    if (events.isEmpty()) {
      return List.of();
    }
    final ArrayNode body = mapper.createArrayNode();
    events.forEach(event -> body.add(json.write(event)));
    final List<String> eventIds = events.stream().map(ExecutionEvent::getEventId).toList();
    return answers.receipts(http.post(EVENTS, body.toString()), eventIds);
  }

  /**
   * Sends native events already in their JSON form, as one request (all or nothing), without
   * reading them: what {@code lineage-gate replay} sends from a file. Each element is one JSON
   * object in UTF-8; the body is their JSON array.
   *
   * @param eventIds the events' eventIds, in order: the receipts must name them
   * @return one receipt per event, in order
   * @throws EventRejectedException ingest refused them; the errors' pointers start with the index
   * @throws IngestUnavailableException every attempt failed; sending them again later is safe
   */
  public List<Receipt> sendJson(final List<byte[]> events, final List<String> eventIds) {
    if (events.size() != eventIds.size()) {
      throw new IllegalArgumentException(
          events.size() + " events but " + eventIds.size() + " eventIds");
    }
    if (events.isEmpty()) {
      return List.of();
    }
    return answers.receipts(http.post(EVENTS, jsonArray(events)), eventIds);
  }

  /**
   * Sends one OpenLineage event in its JSON form to {@code POST /api/v1/lineage}, Marquez's path.
   *
   * @return the receipts and the warnings of ingest's 201
   * @throws EventRejectedException ingest refused it (4xx)
   * @throws IngestUnavailableException every attempt failed; sending it again later is safe (ingest
   *     derives the same eventId from the same content)
   */
  public OpenLineageAnswer sendOpenLineage(final byte[] event) {
    return answers.openLineage(http.post(OPENLINEAGE, event));
  }

  /** The bytes of {@code [e1,e2,…]}. */
  static byte[] jsonArray(final List<byte[]> events) {
    int length = events.size() + 1;
    for (final byte[] event : events) {
      length += event.length;
    }
    final byte[] body = new byte[length];
    body[0] = '[';
    int at = 1;
    for (final byte[] event : events) {
      System.arraycopy(event, 0, body, at, event.length);
      at += event.length;
      body[at++] = ',';
    }
    body[length - 1] = ']';
    return body;
  }

  /** True when ingest answers {@code GET /healthz} with 200 (one attempt, no retry). */
  public boolean healthy() {
    return http.ok("/healthz");
  }

  /** {@link #run(RunReporter, RunBody)} with event ids and times from the defaults. */
  public <E extends Exception> Receipt run(final RunSpec spec, final RunBody<E> body) throws E {
    return run(RunReporter.of(spec), body);
  }

  /**
   * Reports a run around {@code body}: sends START, runs the body, then sends COMPLETE with what
   * the body declared (duration measured unless declared), and returns COMPLETE's receipt. If the
   * body throws, sends FAIL with the error and rethrows the body's exception unchanged (a failure
   * to send FAIL is attached to it as suppressed). If START cannot be sent, the body does not run
   * and the send's exception is thrown. If COMPLETE cannot be sent, the send's exception is thrown
   * after the body has run.
   */
  public <E extends Exception> Receipt run(final RunReporter run, final RunBody<E> body) throws E {
    send(run.start());
    try {
      body.execute(run);
    } catch (Throwable failure) {
      reportFailure(run, failure);
      throw IngestClient.<E>unchanged(failure);
    }
    return send(run.complete());
  }

  private void reportFailure(final RunReporter run, final Throwable failure) {
    // A body stopped by an interrupt often re-sets the flag, which would make every send fail at
    // once; the run is over either way, so report it and give the flag back.
    final boolean interrupted = Thread.interrupted();
    try {
      send(run.fail(failure));
    } catch (IngestException e) {
      failure.addSuppressed(e);
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** The body's own throwable, typed for {@code throw}: unchecked as is, else its declared E. */
  @SuppressWarnings("unchecked")
  private static <E extends Exception> E unchanged(final Throwable failure) {
    if (failure instanceof RuntimeException unchecked) {
      throw unchecked;
    }
    if (failure instanceof Error error) {
      throw error;
    }
    return (E) failure;
  }

  /** Settings of a client; every one has a default. */
  public static final class Builder {

    private URI baseUrl;
    private Duration requestTimeout = Duration.ofSeconds(10);
    private int maxAttempts = 5;
    private Duration initialBackoff = Duration.ofMillis(200);
    private Duration maxBackoff = Duration.ofSeconds(5);
    private IngestHttp.Sleeper sleeper = duration -> Thread.sleep(duration.toMillis());

    private Builder(final URI baseUrl) {
      this.baseUrl = baseUrl;
    }

    /** Where ingest listens, e.g. {@code http://ingest:8080}; a path prefix is kept. */
    public Builder baseUrl(final URI baseUrl) {
      this.baseUrl = baseUrl;
      return this;
    }

    /** Time limit of one HTTP attempt, connection included; 10 s by default. */
    public Builder requestTimeout(final Duration requestTimeout) {
      this.requestTimeout = requestTimeout;
      return this;
    }

    /** Attempts per send, the first included; 5 by default. */
    public Builder maxAttempts(final int maxAttempts) {
      this.maxAttempts = maxAttempts;
      return this;
    }

    /** Wait after the first failed attempt, doubled after each next one; 200 ms by default. */
    public Builder initialBackoff(final Duration initialBackoff) {
      this.initialBackoff = initialBackoff;
      return this;
    }

    /** Cap of any wait, including one asked by {@code Retry-After}; 5 s by default. */
    public Builder maxBackoff(final Duration maxBackoff) {
      this.maxBackoff = maxBackoff;
      return this;
    }

    Builder sleeper(final IngestHttp.Sleeper sleeper) {
      this.sleeper = sleeper;
      return this;
    }

    /**
     * @throws IllegalArgumentException naming the first invalid setting
     */
    public IngestClient build() {
      return new IngestClient(
          new IngestConfig(baseUrl, requestTimeout, maxAttempts, initialBackoff, maxBackoff),
          sleeper);
    }
  }
}
