package dev.shadowparity.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --in DIR} option of commands that read a finished run's folder. */
final class RunFolder {

    @Option(names = "--in", paramLabel = "DIR", required = true, description = "A run's output folder.")
    Path in;

    Path existing() {
        if (!Files.isDirectory(in)) {
            throw new ParityCommand.UsageException(in + ": no such folder");
        }
        return in;
    }
}
