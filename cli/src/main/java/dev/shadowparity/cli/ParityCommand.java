package dev.shadowparity.cli;

import dev.shadowparity.core.ParityException;
import dev.shadowparity.run.RunOutcome;
import dev.shadowparity.scenarios.ReplayEngine;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code parity}: the entry point. Exit codes everywhere: 0 success or promote, 1 hold, 2 invalid usage or run. */
@Command(name = "parity", mixinStandardHelpOptions = true, versionProvider = ParityCommand.Version.class,
        description = "Shadow Parity: proves a candidate backend behaves like the primary before traffic moves to it.",
        subcommands = {DemoCommand.class, ProxyCommand.class, WorkerCommand.class, ReplayCommand.class, LoadCommand.class, ReportCommand.class, GateCommand.class,
                ValidateCommand.class, ContractDiffCommand.class, SchemaCommand.class, CompletionCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 success or promote, 1 hold, 2 invalid usage or run."})
public final class ParityCommand implements Runnable {

    public static final int PROMOTE = RunOutcome.PROMOTE;
    public static final int HOLD = RunOutcome.HOLD;
    public static final int INVALID = RunOutcome.INVALID;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }

    public static void main(String[] args) {
        // Before any HTTP client exists: a backend's configured 'host' is sent as the Host header (ReplayEngine).
        if (System.getProperty(ReplayEngine.ALLOW_HOST) == null) {
            System.setProperty(ReplayEngine.ALLOW_HOST, "host");
        }
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs one command line with the given streams; the testable core of {@link #main}. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new ParityCommand());
        cl.setOut(out);
        cl.setErr(err);
        // Usage errors (unknown command, bad option) and failures alike exit 2; see the footer.
        cl.setExitCodeExceptionMapper(e -> INVALID);
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("parity " + commandLine.getCommandName() + ": " + explain(e));
            if (System.getenv("PARITY_DEBUG") != null) {
                e.printStackTrace(commandLine.getErr());
            }
            return INVALID;
        });
        return cl.execute(args);
    }

    /** A duration option's value ({@code 250ms}, {@code 2s}, {@code 1m}); a usage error naming the option and the value. */
    static java.time.Duration duration(String option, String text) {
        try {
            return dev.shadowparity.core.config.DurationDeserializer.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException(option + " '" + text + "': " + e.getMessage());
        }
    }

    /** Known failures are explained in a line; anything else keeps its type so it can be reported. */
    private static String explain(Exception e) {
        if (e instanceof ParityException) {
            return e.getMessage();
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage() + " (set PARITY_DEBUG=1 for the stack trace)";
    }

    /** A problem with what the user asked for, found after parsing (such as a file that is not there). */
    static final class UsageException extends ParityException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = ParityCommand.class.getPackage().getImplementationVersion();
            return new String[] {"parity " + (v == null ? "development build" : v)};
        }
    }
}
