package dev.lineagegate.stack;

import dev.lineagegate.schema.Topic;
import dev.lineagegate.schema.Topics;
import dev.lineagegate.schema.registry.Compatibility;
import dev.lineagegate.schema.registry.SchemaRegistryClient;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;

/**
 * Registers the value schema of every Avro topic under its subject and sets the subject to BACKWARD
 * (DESIGN.md §5), before any service writes: a reader with a newer schema must always read what is
 * already on the topic. The services register their internal subjects themselves.
 */
final class StackSchemas {

  private StackSchemas() {}

  static int register(final SchemaRegistryClient registry) {
    int registered = 0;
    for (final Topic<?, ?> topic : Topics.ALL) {
      if (topic.valueType() == byte[].class) {
        continue;
      }
      final Schema schema = SpecificData.get().getSchema(topic.valueType());
      registry.register(topic.valueSubject(), schema);
      registry.setCompatibility(topic.valueSubject(), Compatibility.BACKWARD);
      registered++;
    }
    return registered;
  }
}
