package dev.shadowparity.comparators;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shadowparity.core.BackendReply;
import dev.shadowparity.core.EndpointKey;
import dev.shadowparity.core.ExchangeResult;
import dev.shadowparity.core.Outcome;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Whatever a backend or a scanner sends, the ledger's keys stay bounded: a garbage-speaking candidate's thousand
 * distinct reasons, raw bytes and all, and a thousand random paths each become one bounded entry more, not a
 * thousand labels in {@code /metrics}.
 */
class LedgerBoundsTest {

    private static ExchangeResult failed(long id, String path, String reason) {
        BackendReply primary = Fixtures.replied(Fixtures.json("{}"));
        BackendReply candidate = new BackendReply.NoResponse(Outcome.FAILED, reason, Duration.ofMillis(1));
        return new ExchangeResult(Fixtures.exchange(id, "GET", path, primary, candidate, null), Outcome.FAILED, reason, List.of());
    }

    @Test
    void reasonsAreOneBoundedPrintableLineAndAtMost32PerEndpoint() {
        Ledger ledger = new Ledger();
        for (int i = 0; i < 961; i++) {
            ledger.record(failed(i, "/api/x", "candidate sent an invalid HTTP response: \u0000\u0013garbage-" + i + "\r\n"
                    + "z".repeat(500)));
        }
        var reasons = ledger.snapshot().get(0).reasons();
        assertThat(reasons).hasSize(EndpointStats.MAX_REASONS + 1);
        assertThat(reasons).containsEntry("failed: other reasons (beyond 32 distinct ones)", 961L - 32);
        assertThat(reasons.keySet()).allSatisfy(k -> {
            assertThat(k.length()).isLessThanOrEqualTo("failed: ".length() + EndpointStats.MAX_REASON_LENGTH + 1);
            assertThat(k).doesNotContain("\u0000", "\r", "\n");
        });
        assertThat(reasons).containsKey("failed: " + ("candidate sent an invalid HTTP response: ??garbage-0??" + "z".repeat(500))
                .substring(0, EndpointStats.MAX_REASON_LENGTH) + "…");
        assertThat(ledger.exchanges()).isEqualTo(961);
    }

    @Test
    void endpointsBeyondTheCapAreCountedTogether() {
        Ledger ledger = new Ledger();
        for (int i = 0; i < Ledger.MAX_ENDPOINTS + 250; i++) {
            ledger.record(failed(i, "/scan/p" + Integer.toString(i, 36) + "x", "candidate: refused"));
        }
        var endpoints = ledger.snapshot();
        assertThat(endpoints).hasSize(Ledger.MAX_ENDPOINTS + 1);
        assertThat(endpoints).filteredOn(e -> e.endpoint().equals(Ledger.OTHER_ENDPOINTS)).singleElement()
                .satisfies(e -> assertThat(e.exchanges()).isEqualTo(250));
        assertThat(ledger.exchanges()).as("every exchange still counted").isEqualTo(Ledger.MAX_ENDPOINTS + 250);
        assertThat(EndpointKey.parse(Ledger.OTHER_ENDPOINTS.toString())).isEqualTo(Ledger.OTHER_ENDPOINTS);
    }
}
