package dev.shadowparity.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --in DIR} option of commands that read a finished run's folder. */
final class RunFolder {

    @Option(names = "--in", paramLabel = "DIR", description = "A run's output folder.")
    Path in;

    Path existing() {
        if (in == null) {
            throw new ParityCommand.UsageException("give --in DIR (a run's folder), or --from kafka://HOST:PORT/TOPIC --group NAME"
                    + " --config FILE (a group of workers' results)");
        }
        if (!Files.isDirectory(in)) {
            throw new ParityCommand.UsageException(in + ": no such folder");
        }
        return in;
    }
}
