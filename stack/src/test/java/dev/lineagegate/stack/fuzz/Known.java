package dev.lineagegate.stack.fuzz;

/**
 * The artifact the fuzzer makes known before it starts (a valid run, waited for until it has a
 * verdict), so that queries and promotions reach past validation to the stores.
 */
record Known(String digest, String name, String runId) {

  static Known of(final long seed) {
    return new Known(
        Values.digest(seed, -1, "known"),
        "fuzz/" + seed + "/known model",
        Values.uuid(seed, -1, "known-run"));
  }
}
