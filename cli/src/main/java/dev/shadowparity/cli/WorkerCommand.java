package dev.shadowparity.cli;

import dev.shadowparity.core.config.HostPort;
import dev.shadowparity.core.config.SuiteConfig;
import dev.shadowparity.kafka.CompareWorker;
import dev.shadowparity.run.WorkerRun;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code parity worker}: judges what publishing proxies captured, as one member of a consumer group. */
@Command(name = "worker", mixinStandardHelpOptions = true,
        footer = {"", "Examples:", "  parity worker --from kafka://kafka:9092/shop --group rewrite-v2 --config parity.yaml",
                "  parity worker --from kafka://kafka:9092/shop --group nightly --config parity.yaml --since 2026-12-01T00:00:00Z --idle-exit 30s"},
        description = {"Judges exchanges that proxies published to Kafka.", "",
                "Consumes the topic as one member of --group (start any number, anywhere), compares each",
                "exchange with the suite's rules (sending it to the candidate first when the proxy did not",
                "mirror it), and writes each result to the topic TOPIC.results.GROUP in the same Kafka",
                "transaction as the consumed offsets: across crashes and rebalances no exchange is counted",
                "twice or lost. Merge the results with: parity gate --from … --group … --config ….",
                "Runs until SIGTERM or Ctrl-C (or --idle-exit); exits 0, or 2 when no broker answers."})
final class WorkerCommand implements Callable<Integer> {

    @Mixin
    KafkaSource kafka;

    @Mixin
    SuiteSource source;

    @Option(names = "--name", paramLabel = "NAME", description = "This worker's name, unique in the group (default: HOST-PID).")
    String name;

    @Option(names = "--since", paramLabel = "TIME", defaultValue = "earliest",
            description = {"Where the group has no offsets yet, start: earliest (every record kept), latest (only what is",
                    "captured from now on) or at a time (ISO-8601, e.g. 2026-12-01T00:00:00Z). Default: ${DEFAULT-VALUE}."})
    String since;

    @Option(names = "--idle-exit", paramLabel = "DURATION",
            description = "Stop once nothing has arrived for this long and nothing is left (e.g. 30s); default: run until stopped.")
    String idleExit;

    @Option(names = "--admin", paramLabel = "HOST:PORT", description = "Serve /metrics and /health here (default: none).")
    String admin;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10s",
            description = "Per request the worker sends to the candidate or secondary. Default: ${DEFAULT-VALUE}.")
    String timeout;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** {@code HOST-PID}: distinct for every process of a deployment. */
    static String defaultName() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            host = "host";
        }
        return host.replaceAll("[^a-zA-Z0-9._-]", "_") + "-" + ProcessHandle.current().pid();
    }

    @Override
    public Integer call() throws Exception {
        if (!kafka.given()) {
            throw new ParityCommand.UsageException("give --from kafka://HOST:PORT/TOPIC and --group NAME");
        }
        SuiteConfig suite = source.resolve();
        Instant start;
        if (since.equals("earliest")) {
            start = null;
        } else if (since.equals("latest")) {
            start = CompareWorker.LATEST;
        } else {
            try {
                start = Instant.parse(since);
            } catch (DateTimeParseException e) {
                throw new ParityCommand.UsageException("--since '" + since
                        + "': earliest, latest, or an ISO-8601 instant such as 2026-12-01T00:00:00Z");
            }
        }
        HostPort adminAt;
        try {
            adminAt = admin == null ? null : HostPort.parse(admin);
        } catch (IllegalArgumentException e) {
            throw new ParityCommand.UsageException("--admin: " + e.getMessage());
        }
        Duration idle = idleExit == null ? null : ParityCommand.duration("--idle-exit", idleExit);
        String me = name != null ? name : defaultName();
        PrintWriter out = spec.commandLine().getOut();
        out.println("worker    " + me + " of group " + kafka.group() + " judging " + kafka.target() + " (" + kafka.target().security() + ") -> "
                + kafka.target().resultsTopic(kafka.group()) + "; candidate " + suite.backends().candidate().url());
        out.flush();
        CompareWorker.Stats s = WorkerRun.run(suite, new WorkerRun.Options(kafka.target(), kafka.group(), me, start, idle,
                adminAt, ParityCommand.duration("--timeout", timeout)), line -> {
                    out.println("worker    " + line);
                    out.flush();
                });
        out.printf("worker    stopped: %d records judged (%d sent to the candidate by this worker), %d unreadable skipped,"
                + " %d rebalances, %d batches read again%n", s.consumed(), s.sent(), s.rejected(), s.rebalances(), s.aborted());
        out.flush();
        return ParityCommand.PROMOTE;
    }
}
