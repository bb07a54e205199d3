package dev.shadowparity.cli;

import dev.shadowparity.core.config.ConfigLoader;
import dev.shadowparity.core.config.SuiteConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code parity validate}: checks a suite file without running anything. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Checks a suite file without running anything.", "", "Checks a suite file: YAML syntax, known keys, value types, URLs, durations and",
                "environment variables. Errors name the file, line and key. Exits 0 when valid, 2 when not."})
final class ValidateCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE", required = true, description = "Suite file (parity.yaml).")
    Path config;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        SuiteConfig s = new ConfigLoader().load(config);
        spec.commandLine().getOut().printf("%s: valid; suite '%s', %d route(s), primary %s, candidate %s%s%n",
                config, s.suite(), s.routes().size(), where(s.backends().primary()), where(s.backends().candidate()),
                s.backends().secondary() == null ? "" : ", secondary " + where(s.backends().secondary()));
        return ParityCommand.PROMOTE;
    }

    private static String where(dev.shadowparity.core.config.BackendConfig b) {
        return b.isContainer() ? "image " + b.image() + " on port " + b.containerPort() : String.valueOf(b.url());
    }
}
