package dev.shadowparity.cli;

import dev.shadowparity.core.config.BackendConfig;
import dev.shadowparity.core.config.Backends;
import dev.shadowparity.contract.ContractRoutes;
import dev.shadowparity.core.config.ConfigLoader;
import dev.shadowparity.core.config.SuiteConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The suite of a run: {@code --config} and/or backend flags (flags override the file; with both backend flags
 * the file may leave out {@code backends}).
 */
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
            // the flags first, so a bad URL is named as the flag's, not as a line of the file
            BackendConfig primaryFlag = flag("--primary", primary);
            BackendConfig candidateFlag = flag("--candidate", candidate);
            SuiteConfig suite = config != null ? new ConfigLoader().load(config, primary, candidate)
                    : SuiteConfig.minimal(primaryFlag, candidateFlag);
            Backends b = suite.backends();
            if (primaryFlag != null) {
                b = b.withPrimary(primaryFlag);
            }
            if (candidateFlag != null) {
                b = b.withCandidate(candidateFlag);
            }
            if (secondary != null) {
                b = b.withSecondary(flag("--secondary", secondary));
            }
            return ContractRoutes.applied(suite.withBackends(b), config);
        } catch (IllegalArgumentException e) {
            throw new ParityCommand.UsageException(e.getMessage());
        }
    }

    private static BackendConfig flag(String name, String url) {
        if (url == null) {
            return null;
        }
        try {
            return BackendConfig.of(url);
        } catch (IllegalArgumentException e) {
            throw new ParityCommand.UsageException(name + " '" + url + "': " + e.getMessage());
        }
    }
}
