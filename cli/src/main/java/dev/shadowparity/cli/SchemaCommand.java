package dev.shadowparity.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shadowparity.run.Schemas;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code parity schema suite|verdict}: prints a JSON Schema (2020-12) generated from the records the files map to. */
@Command(name = "schema", mixinStandardHelpOptions = true,
        footer = {"", "Examples:", "  parity schema suite > parity.schema.json", "  parity schema verdict > verdict.schema.json"},
        description = {"Prints the JSON Schema (2020-12) of parity.yaml or of verdict.json.", "",
                "suite: what a suite file may hold (an editor autocompletes with the line",
                "'# yaml-language-server: $schema=parity.schema.json' at the top of the file). verdict: the",
                "contract CI scripts read verdict.json by."})
final class SchemaCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "suite or verdict")
    String which;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        var schema = switch (which) {
            case "suite" -> Schemas.suite();
            case "verdict" -> Schemas.verdict();
            default -> throw new ParityCommand.UsageException("schema: give suite or verdict, got '" + which + "'");
        };
        spec.commandLine().getOut().println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(schema));
        return ParityCommand.PROMOTE;
    }
}
