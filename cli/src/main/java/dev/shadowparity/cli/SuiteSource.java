package dev.shadowparity.cli;

import dev.shadowparity.core.config.BackendConfig;
import dev.shadowparity.core.config.Backends;
import dev.shadowparity.core.config.ConfigLoader;
import dev.shadowparity.core.config.SuiteConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The suite of a run: {@code --config} and/or backend flags (flags override the file). */
final class SuiteSource {

    @Option(names = "--config", paramLabel = "FILE", description = "Suite file (parity.yaml).")
    Path config;

    @Option(names = "--primary", paramLabel = "URL", description = "Primary (old) backend base URL.")
    String primary;

    @Option(names = "--candidate", paramLabel = "URL", description = "Candidate (new) backend base URL.")
    String candidate;

    @Option(names = "--secondary", paramLabel = "URL", description = "Second primary instance, for noise detection.")
    String secondary;

    /** The suite with the flags applied; with neither a file nor both backends, a clear usage error. */
    SuiteConfig resolve() {
        if (config == null && (primary == null || candidate == null)) {
            throw new ParityCommand.UsageException("give --config FILE, or both --primary URL and --candidate URL");
        }
        try {
            SuiteConfig suite = config != null ? new ConfigLoader().load(config)
                    : SuiteConfig.minimal(BackendConfig.of(primary), BackendConfig.of(candidate));
            Backends b = suite.backends();
            if (primary != null) {
                b = b.withPrimary(BackendConfig.of(primary));
            }
            if (candidate != null) {
                b = b.withCandidate(BackendConfig.of(candidate));
            }
            if (secondary != null) {
                b = b.withSecondary(BackendConfig.of(secondary));
            }
            return suite.withBackends(b);
        } catch (IllegalArgumentException e) {
            throw new ParityCommand.UsageException(e.getMessage());
        }
    }
}
