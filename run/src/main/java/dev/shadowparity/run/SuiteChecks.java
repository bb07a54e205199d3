package dev.shadowparity.run;

import dev.shadowparity.comparators.ExchangeComparator;
import dev.shadowparity.comparators.Protoset;
import dev.shadowparity.core.config.SuiteConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code parity validate} checks beyond the suite file's own syntax: the files the suite names are read as a
 * run would read them (a protoset that is no descriptor set fails here, not at the first gRPC exchange; an OpenAPI spec
 * with a broken {@code $ref} too).
 */
public final class SuiteChecks {

    private SuiteChecks() {}

    /** Lines saying what was read; a {@link dev.shadowparity.core.ParityException} names what is wrong. */
    public static List<String> check(SuiteConfig suite) {
        List<String> out = new ArrayList<>();
        Protoset protoset = ExchangeComparator.protoset(suite);
        if (protoset != null) {
            out.add("protoset " + suite.protoset() + ": " + protoset.methodCount() + " gRPC method(s)");
        }
        if (suite.openapi() != null) {
            dev.shadowparity.contract.OpenApiContract contract = dev.shadowparity.contract.OpenApiContract.load(suite.openapi());
            out.add("openapi " + suite.openapi() + ": OpenAPI " + contract.version() + ", " + contract.operations().size()
                    + " operation(s), " + suite.routes().size() + " route(s) with the suite's own");
        }
        if (suite.reflection() != null) {
            out.add("gRPC messages: read by the " + suite.reflection() + "'s server reflection, asked when a run starts");
        }
        return out;
    }
}
