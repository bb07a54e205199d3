package dev.shadowparity.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.shadowparity.core.BackendReply;
import dev.shadowparity.core.Difference;
import dev.shadowparity.core.DifferenceKind;
import dev.shadowparity.core.ExchangeResult;
import dev.shadowparity.core.Outcome;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Each compared exchange held to the contract, each side on its own, after the comparison (whose exchange carries the
 * bodies decoded). A rule the candidate breaks where the primary keeps it is a {@code contract} difference, a regression;
 * one both break is a pre-existing contract issue, reported as noise with that reason; one only the primary breaks is
 * noise too, saying the candidate keeps it. Runs where the comparison runs (the compare workers), never on the proxy's
 * client path. Pure; safe from any thread.
 */
public final class ContractCheck {

    /** The reason a violation both sides share is not a regression. */
    public static final String PRE_EXISTING = "pre-existing contract issue: the primary breaks it too";
    public static final String PRIMARY_ONLY = "the primary breaks the contract here; the candidate keeps it";

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private final OpenApiContract contract;

    public ContractCheck(OpenApiContract contract) {
        this.contract = contract;
    }

    /** {@code compared} with its contract differences added; as it was when it was not compared or is for no operation. */
    public ExchangeResult check(ExchangeResult compared) {
        if (compared.outcome() != Outcome.COMPARED
                || !(compared.exchange().primary() instanceof BackendReply.Responded primary)
                || !(compared.exchange().candidate() instanceof BackendReply.Responded candidate)) {
            return compared;
        }
        Optional<OpenApiContract.Operation> operation = contract.find(compared.exchange().request().method(),
                compared.exchange().request().path());
        if (operation.isEmpty()) {
            return compared; // not in the contract: counted by endpoint at the verdict, not as a difference
        }
        List<Violation> ofPrimary = contract.violations(operation.get(), primary.response());
        // The usual exchange: two answers alike, which break (or keep) the contract alike; checked once.
        List<Violation> ofCandidate = same(primary.response(), candidate.response()) ? ofPrimary
                : contract.violations(operation.get(), candidate.response());
        if (ofPrimary.isEmpty() && ofCandidate.isEmpty()) {
            return compared;
        }
        Map<String, Violation> primaryByKey = new HashMap<>();
        ofPrimary.forEach(v -> primaryByKey.putIfAbsent(v.key(), v));
        List<Difference> diffs = new ArrayList<>(compared.differences());
        var endpoint = compared.exchange().endpoint();
        for (Violation v : ofCandidate) {
            Violation shared = primaryByKey.remove(v.key());
            diffs.add(new Difference(endpoint, "contract:" + v.path(), DifferenceKind.CONTRACT,
                    shared == null ? conforms() : shared.asJson(), v.asJson(), shared == null ? null : PRE_EXISTING));
        }
        for (Violation v : primaryByKey.values()) {
            diffs.add(new Difference(endpoint, "contract:" + v.path(), DifferenceKind.CONTRACT, v.asJson(), conforms(),
                    PRIMARY_ONLY));
        }
        return new ExchangeResult(compared.exchange(), compared.outcome(), compared.reason(), diffs,
                compared.secondaryDifferences(), compared.drifts(), compared.rankings());
    }

    private static boolean same(dev.shadowparity.core.RecordedResponse a, dev.shadowparity.core.RecordedResponse b) {
        return a.status() == b.status() && a.contentType().equals(b.contentType()) && java.util.Arrays.equals(a.body(), b.body());
    }

    private static JsonNode conforms() {
        return F.textNode("conforms");
    }
}
