package dev.shadowparity.cli;

import dev.shadowparity.core.config.HostPort;
import dev.shadowparity.core.config.SuiteConfig;
import dev.shadowparity.kafka.ExchangePublisher;
import dev.shadowparity.kafka.KafkaTarget;
import dev.shadowparity.run.ShadowRun;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code parity proxy}: shadows live traffic until stopped (SIGTERM or Ctrl-C), then writes the reports and
 * exits with the gate's code.
 */
@Command(name = "proxy", mixinStandardHelpOptions = true,
        footer = {"", "Examples:", "  parity proxy --config parity.yaml --listen 0.0.0.0:8080", "  parity proxy --primary http://legacy:8081 --candidate http://rewrite:9081 --mirror-percent 10"},
        description = {"Shadows live traffic in front of the primary until stopped.", "", "Listens in front of the primary: every request is answered from the primary; a sampled",
                "share is mirrored to the candidate (and secondary). On SIGTERM or Ctrl-C it stops accepting,",
                "drains mirrors, writes exchanges.jsonl, verdict.json and the reports into --out, and exits",
                "with the gate's code (0 promote, 1 hold, 2 invalid run).",
                "Flags override the config file; --primary and --candidate suffice without one."})
final class ProxyCommand implements Callable<Integer> {

    @Mixin
    SuiteSource source;

    @Option(names = "--listen", paramLabel = "HOST:PORT", description = "Proxy address (default: 127.0.0.1:8080).")
    String listen;

    @Option(names = "--admin", paramLabel = "HOST:PORT",
            description = "Admin address: /health, /metrics, /stats, /config, POST /mirror?percent=N (default: 127.0.0.1:9901).")
    String admin;

    @Option(names = "--mirror-percent", paramLabel = "N", description = "Share of eligible requests mirrored, 0-100 (default: 100).")
    Double mirrorPercent;

    @Option(names = "--publish", paramLabel = "kafka://HOST:PORT/TOPIC",
            description = {"Publish every exchange that qualifies for mirroring to a Kafka topic instead of comparing it here:",
                    "the mirrored share with the candidate's answers, the rest for workers to send (parity worker).",
                    "With --mirror-percent 0 the proxy only captures. Exits 2 when no broker answers at start."})
    String publish;

    @Option(names = "--kafka-config", paramLabel = "FILE",
            description = "With --publish: Kafka connection settings for a secured cluster (security.protocol, sasl.*, ssl.*).")
    Path kafkaConfig;

    @Option(names = "--publish-timeout", paramLabel = "DURATION", defaultValue = "30s",
            description = "How long an exchange may wait for an absent broker before it is counted as not published. Default: ${DEFAULT-VALUE}.")
    String publishTimeout;

    @Option(names = "--name", paramLabel = "NAME",
            description = "This proxy's name in its published records (default: HOST-PID).")
    String name;

    @Mixin
    OutputDir out;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        SuiteConfig suite = source.resolve();
        try {
            if (listen != null) {
                suite = suite.withProxy(suite.proxy().withListen(HostPort.parse(listen)));
            }
            if (admin != null) {
                suite = suite.withProxy(suite.proxy().withAdmin(HostPort.parse(admin)));
            }
            if (mirrorPercent != null) {
                suite = suite.withProxy(suite.proxy().withMirror(suite.proxy().mirror().withPercent(mirrorPercent)));
            }
        } catch (IllegalArgumentException e) {
            throw new ParityCommand.UsageException(e.getMessage());
        }
        PrintWriter stdout = spec.commandLine().getOut();
        Path dir = out.resolve();
        if (kafkaConfig != null && publish == null) {
            throw new ParityCommand.UsageException("--kafka-config goes with --publish kafka://HOST:PORT/TOPIC");
        }
        if (publish != null) {
            return publishing(suite, stdout, dir);
        }
        try (ShadowRun run = ShadowRun.start(suite, dir)) {
            stdout.printf("proxy     listening on %s://%s:%d (%s) -> primary %s, mirroring %.0f%% to candidate %s%n",
                    suite.proxy().clientScheme(), run.address().getHostString(), run.address().getPort(), run.transport(),
                    suite.backends().primary().url(),
                    suite.proxy().mirror().percent(), suite.backends().candidate().url());
            String tls = run.tlsSummary(suite.backends());
            if (tls != null) {
                stdout.println("tls       " + tls);
            }
            stdout.println("admin     http://" + run.adminAddress().getHostString() + ":" + run.adminAddress().getPort()
                    + "/  (/health /metrics /stats /config, POST /mirror?percent=N)");
            stdout.println("          stop with Ctrl-C or SIGTERM; results go to " + dir.toAbsolutePath());
            stdout.flush();
            run.awaitStopSignal();
            return RunOutput.print(run.finish(), stdout, spec.commandLine().getErr());
        }
    }

    private int publishing(SuiteConfig suite, PrintWriter stdout, Path dir) throws Exception {
        KafkaTarget topic;
        try {
            topic = KafkaTarget.parse(publish);
        } catch (dev.shadowparity.core.ParityException e) {
            throw new ParityCommand.UsageException("--publish " + e.getMessage());
        }
        if (kafkaConfig != null) {
            topic = topic.withClient(dev.shadowparity.kafka.KafkaClientSettings.load(kafkaConfig));
        }
        String source = name != null ? name : WorkerCommand.defaultName();
        try (ShadowRun run = ShadowRun.startPublishing(suite, dir, topic, source,
                ParityCommand.duration("--publish-timeout", publishTimeout))) {
            stdout.printf("proxy     listening on %s://%s:%d (%s) -> primary %s, mirroring %.0f%% to candidate %s%n",
                    suite.proxy().clientScheme(), run.address().getHostString(), run.address().getPort(), run.transport(),
                    suite.backends().primary().url(), suite.proxy().mirror().percent(), suite.backends().candidate().url());
            stdout.println("publish   every exchange that qualifies to " + topic + " (" + topic.security() + ") as " + source
                    + (suite.proxy().mirror().percent() == 0 ? " (capture only)" : "") + "; judge it with: parity worker --from "
                    + topic + " --group NAME --config …");
            stdout.println("admin     http://" + run.adminAddress().getHostString() + ":" + run.adminAddress().getPort()
                    + "/  (/health /metrics /stats /config, POST /mirror?percent=N)");
            stdout.println("          stop with Ctrl-C or SIGTERM");
            stdout.flush();
            run.awaitStopSignal();
            ExchangePublisher.Stats s = run.finishPublishing();
            stdout.printf("published %d of %d exchanges to %s%s%n", s.published(), s.submitted(), topic,
                    s.unpublishedTotal() == 0 ? "" : "; not published: " + s.unpublished()
                            + (s.lastError() == null ? "" : " (last: " + s.lastError() + ")"));
            stdout.flush();
            return ParityCommand.PROMOTE;
        }
    }
}
