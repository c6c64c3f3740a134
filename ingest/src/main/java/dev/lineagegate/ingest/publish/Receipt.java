package dev.lineagegate.ingest.publish;

/** Where the broker stored one event: what a 202 answer lists per event. */
public record Receipt(String eventId, String topic, int partition, long offset) {}
