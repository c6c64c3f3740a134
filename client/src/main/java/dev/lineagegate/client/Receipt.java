package dev.lineagegate.client;

/**
 * Where ingest wrote one event, as acknowledged by the broker.
 *
 * @param eventId the event's idempotency key, as sent
 * @param topic the topic, {@code lineage.events.v1}
 * @param partition the partition (the run's: events are keyed by runId)
 * @param offset the offset of the record in that partition
 */
public record Receipt(String eventId, String topic, int partition, long offset) {}
