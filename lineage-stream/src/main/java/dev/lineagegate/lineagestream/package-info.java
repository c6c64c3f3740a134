/**
 * The Kafka Streams topology: lineage graph, rules, verdicts, alerts and lineage queries (DESIGN.md
 * §4, §6.3).
 */
package dev.lineagegate.lineagestream;
