/**
 * OpenLineage events in (DESIGN.md §6.2): {@link
 * dev.lineagegate.ingest.openlineage.OpenLineageValidator} checks an event against the bundled
 * OpenLineage 2-0-2 schema, the standard facet schemas and lineage-gate's {@code
 * lineageGate_execution} facet, offline; {@link
 * dev.lineagegate.ingest.openlineage.OpenLineageMapper} turns a valid RunEvent into an {@code
 * ExecutionEvent} and keeps DatasetEvents and JobEvents as they are.
 */
package dev.lineagegate.ingest.openlineage;
