package dev.lineagegate.stack.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lineagegate.stack.fuzz.FuzzCase.Route;
import dev.lineagegate.stack.fuzz.GateCases.Tokens;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Cases are a function of seed and number: what a failure's replay command relies on. */
class CaseFactoryTest {

  private static final Tokens TOKENS = new Tokens("w", "r");

  @Test
  void shouldBuildTheSameRequestWhenACaseIsBuiltAgainByAnotherFactory() {
    // Given two factories of the same seed
    final CaseFactory first = new CaseFactory(7, OpenLineageCorpus.locate(null), TOKENS);
    final CaseFactory second = new CaseFactory(7, OpenLineageCorpus.locate(null), TOKENS);
    // When every case is built by each, the second in the reverse order
    final Map<Long, FuzzCase> backwards = new HashMap<>();
    for (long n = 200; n >= 1; n--) {
      backwards.put(n, second.build(n));
    }
    for (long n = 1; n <= 200; n++) {
      final FuzzCase a = first.build(n);
      final FuzzCase b = backwards.get(n);
      // Then the same request (a waiver's expiry aside: one day from now, to the second)
      assertThat(b.kind()).isEqualTo(a.kind());
      assertThat(b.request().target()).isEqualTo(a.request().target());
      assertThat(b.expect()).isEqualTo(a.expect());
      if (a.route() != Route.WAIVERS) {
        assertThat(b.request().body()).isEqualTo(a.request().body());
      }
    }
  }

  @Test
  void shouldReachEveryRouteAndManyMutationsWhenAThousandCasesAreBuilt() {
    // Given
    final CaseFactory factory = new CaseFactory(11, OpenLineageCorpus.locate(null), TOKENS);
    final Set<Route> routes = EnumSet.noneOf(Route.class);
    final Set<String> kinds = new HashSet<>();
    // When
    for (long n = 1; n <= 1_000; n++) {
      final FuzzCase fuzzCase = factory.build(n);
      routes.add(fuzzCase.route());
      kinds.add(fuzzCase.kind().replaceAll(".*\\.json:", "").split(":")[0]);
    }
    // Then
    assertThat(routes).containsExactlyInAnyOrder(Route.values());
    assertThat(kinds)
        .contains(
            "valid",
            "tree",
            "utf8",
            "control",
            "time",
            "repeated-key",
            "deep",
            "huge",
            "pad",
            "content-type",
            "not-json",
            "empty",
            "truncated",
            "chunked",
            "digest",
            "missing");
  }
}
