/**
 * HTTP ingest of native and OpenLineage events, the Java client and the emit CLI (DESIGN.md §6.1,
 * §6.2).
 */
package dev.lineagegate.ingest;
