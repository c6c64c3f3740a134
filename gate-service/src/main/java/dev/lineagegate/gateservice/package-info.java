/** Promotion decisions for release tooling: signed, audited, revocable (DESIGN.md §6.4, §7). */
package dev.lineagegate.gateservice;
