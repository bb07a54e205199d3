package dev.shadowparity.cli;

import dev.shadowparity.core.config.SuiteConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code parity validate}: checks a suite file without running anything. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        footer = {"", "Examples:", "  parity validate --config parity.yaml", "  parity validate --config routes.yaml --primary http://127.0.0.1:8081 --candidate http://127.0.0.1:9081"},
        description = {"Checks a suite file without running anything.", "", "Checks a suite file: YAML syntax, known keys, value types, URLs, durations and",
                "environment variables. Errors name the file, line and key. Exits 0 when valid, 2 when not."})
final class ValidateCommand implements Callable<Integer> {

    /** The same options as the commands that run a suite, so validate accepts exactly the files they accept. */
    @Mixin
    SuiteSource source;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (source.config == null) {
            throw new ParityCommand.UsageException("give --config FILE (and --primary/--candidate when it leaves out backends)");
        }
        Path config = source.config;
        SuiteConfig s = source.resolve();
        java.util.List<String> read = dev.shadowparity.run.SuiteChecks.check(s);
        spec.commandLine().getOut().printf("%s: valid; suite '%s', %d route(s), primary %s, candidate %s%s%n",
                config, s.suite(), s.routes().size(), where(s.backends().primary()), where(s.backends().candidate()),
                s.backends().secondary() == null ? "" : ", secondary " + where(s.backends().secondary()));
        read.forEach(line -> spec.commandLine().getOut().println("  " + line));
        return ParityCommand.PROMOTE;
    }

    private static String where(dev.shadowparity.core.config.BackendConfig b) {
        return b.isContainer() ? "image " + b.image() + " on port " + b.containerPort() : String.valueOf(b.url());
    }
}
