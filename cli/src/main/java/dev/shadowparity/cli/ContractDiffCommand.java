package dev.shadowparity.cli;

import dev.shadowparity.contract.ContractDiff;
import dev.shadowparity.contract.OpenApiContract;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code parity contract-diff OLD NEW}: the breaking and compatible changes between two versions of a spec. */
@Command(name = "contract-diff", mixinStandardHelpOptions = true,
        footer = {"", "Examples:", "  parity contract-diff specs/v1/openapi.yaml specs/v2/openapi.yaml",
                "  git show main:openapi.yaml > /tmp/old.yaml && parity contract-diff /tmp/old.yaml openapi.yaml"},
        description = {"Lists what changed between two versions of an OpenAPI spec, breaking changes first.", "",
                "Breaking: a removed operation, parameter or response, a new required parameter, a changed",
                "or narrowed type, a removed response field. Exit 0 when nothing breaks, 1 when something does,",
                "2 when a spec cannot be read."})
final class ContractDiffCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "OLD", description = "The spec clients were written against.")
    Path older;

    @Parameters(index = "1", paramLabel = "NEW", description = "The spec the candidate follows.")
    Path newer;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        ContractDiff diff = ContractDiff.between(OpenApiContract.load(older), OpenApiContract.load(newer));
        PrintWriter out = spec.commandLine().getOut();
        diff.breaking().forEach(line -> out.println("breaking    " + line));
        diff.compatible().forEach(line -> out.println("compatible  " + line));
        out.printf("contract    %s → %s: %d breaking, %d compatible change(s)%n", older, newer, diff.breaking().size(),
                diff.compatible().size());
        return diff.isBreaking() ? ParityCommand.HOLD : ParityCommand.PROMOTE;
    }
}
