package dev.shadowparity.cli;

import dev.shadowparity.contract.ContractRoutes;
import dev.shadowparity.core.config.ConfigLoader;
import dev.shadowparity.core.config.SuiteConfig;
import dev.shadowparity.run.MergedRun;
import dev.shadowparity.run.RunOutcome;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options of {@code parity report} and {@code parity gate} that merge a group of workers' results from Kafka into
 * a run folder, and the merge itself.
 */
final class MergeOptions {

    @Mixin
    KafkaSource kafka;

    @Option(names = "--wait", paramLabel = "DURATION", defaultValue = "0s",
            description = "With --from: wait up to this long for the group to judge everything captured so far. Default: ${DEFAULT-VALUE}.")
    String wait;

    @Mixin
    OutputDir out;

    boolean given() {
        return kafka.given();
    }

    RunOutcome merge(Path config, PrintWriter stdout) throws InterruptedException {
        if (config == null) {
            throw new ParityCommand.UsageException("--from needs --config FILE: the suite gives the gate its thresholds");
        }
        SuiteConfig suite;
        try {
            suite = ContractRoutes.applied(new ConfigLoader().load(config, null, null), config);
        } catch (IllegalArgumentException e) {
            throw new ParityCommand.UsageException(e.getMessage());
        }
        Path dir = out.resolve();
        RunOutcome outcome = MergedRun.merge(suite, kafka.target(), kafka.group(), dir, ParityCommand.duration("--wait", wait),
                line -> {
                    stdout.println(line);
                    stdout.flush();
                });
        stdout.println("merged    " + outcome.written().verdict().environment().get("merged"));
        return outcome;
    }
}
