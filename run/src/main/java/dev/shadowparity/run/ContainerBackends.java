package dev.shadowparity.run;

import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Volume;
import dev.shadowparity.core.ParityException;
import dev.shadowparity.core.config.BackendConfig;
import dev.shadowparity.core.config.Backends;
import dev.shadowparity.core.config.SuiteConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.ContainerLaunchException;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.AbstractWaitStrategy;
import org.testcontainers.utility.DockerImageName;

/**
 * Starts the suite's {@code image:} backends with Testcontainers, waits until each answers its readiness path,
 * and stops them on {@link #close}. Containers run with host networking: their server listens on the
 * configured port of this machine, so no port mapping (and no iptables) is needed, and the backend's URL is
 * {@code http://127.0.0.1:<port>}.
 *
 * <p>Testcontainers reads two settings only from the environment: where no registry is reachable, set
 * {@code TESTCONTAINERS_RYUK_DISABLED=true} (its reaper is an image it would pull; the containers here are
 * stopped by {@link #close} and at JVM exit) and {@code TESTCONTAINERS_HOST_OVERRIDE=localhost}.
 */
public final class ContainerBackends implements AutoCloseable {

    private final SuiteConfig suite;
    private final List<GenericContainer<?>> running;

    private ContainerBackends(SuiteConfig suite, List<GenericContainer<?>> running) {
        this.suite = suite;
        this.running = running;
    }

    /** Thrown when a container cannot be started or never becomes ready; names the backend and the image. */
    public static final class ContainerStartException extends ParityException {
        private static final long serialVersionUID = 1L;

        ContainerStartException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Whether any backend of the suite is an image. */
    public static boolean needed(SuiteConfig suite) {
        Backends b = suite.backends();
        return b.primary().isContainer() || b.candidate().isContainer() || (b.secondary() != null && b.secondary().isContainer());
    }

    /**
     * Starts every image backend (none when the suite has none) and returns the suite with their URLs.
     * {@code progress} gets a line per container started.
     */
    public static ContainerBackends start(SuiteConfig suite, Consumer<String> progress) {
        if (!needed(suite)) {
            return new ContainerBackends(suite, List.of());
        }
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            throw new ContainerStartException("the suite's image backends need a Docker daemon, and none answers"
                    + " (DOCKER_HOST, or /var/run/docker.sock)", null);
        }
        List<GenericContainer<?>> running = new ArrayList<>();
        try {
            Backends b = suite.backends();
            BackendConfig primary = started("primary", b.primary(), running, progress);
            BackendConfig candidate = started("candidate", b.candidate(), running, progress);
            BackendConfig secondary = b.secondary() == null ? null : started("secondary", b.secondary(), running, progress);
            return new ContainerBackends(suite.withBackends(new Backends(primary, secondary, candidate)), running);
        } catch (RuntimeException e) {
            running.forEach(GenericContainer::stop);
            throw e;
        }
    }

    /** The suite, its image backends replaced by the URLs of the started containers. */
    public SuiteConfig suite() {
        return suite;
    }

    @Override
    public void close() {
        running.forEach(GenericContainer::stop);
    }

    private static BackendConfig started(String role, BackendConfig backend, List<GenericContainer<?>> running,
                                         Consumer<String> progress) {
        if (!backend.isContainer()) {
            return backend;
        }
        URI url = URI.create("http://127.0.0.1:" + backend.containerPort());
        GenericContainer<?> c = new GenericContainer<>(DockerImageName.parse(backend.image()))
                .withNetworkMode("host")
                .withEnv(backend.env())
                .withStartupTimeout(backend.startupTimeout())
                .withStartupAttempts(1)
                // Readiness is HttpReady's job alone; Testcontainers' default check waits out its own timeout on a
                // container that exited at once, and would hide why.
                .withStartupCheckStrategy(new StartedIsEnough())
                .waitingFor(new HttpReady(url.resolve(backend.ready()), role));
        if (!backend.command().isEmpty()) {
            c.withCommand(backend.command().toArray(String[]::new));
        }
        if (!backend.mounts().isEmpty()) {
            // Set on the create call itself: Testcontainers' withFileSystemBind first checks that mounting works by
            // running a helper image, which it would try to pull (and wait minutes for) where no registry answers.
            List<Bind> binds = backend.mounts().entrySet().stream()
                    .map(m -> new Bind(m.getKey(), new Volume(m.getValue()), AccessMode.ro)).toList();
            c.withCreateContainerCmdModifier(cmd -> cmd.getHostConfig().withBinds(binds));
        }
        long start = System.nanoTime();
        try {
            c.start();
        } catch (ContainerLaunchException | org.testcontainers.containers.ContainerFetchException e) {
            c.stop();
            throw new ContainerStartException("cannot start the " + role + " backend (image " + backend.image() + "): "
                    + rootMessage(e), e);
        }
        running.add(c);
        progress.accept(String.format("%-9s %s  (image %s, container %s, ready in %d ms)", role, url, backend.image(),
                c.getContainerId().substring(0, 12), (System.nanoTime() - start) / 1_000_000));
        return backend.runningAt(url);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        // Testcontainers wraps the cause in "Container startup failed for image ..."; the cause says what happened.
        return String.valueOf(t.getMessage());
    }

    private static String tail(String logs) {
        String[] lines = logs.strip().split("\n");
        return String.join("\n  ", java.util.Arrays.copyOfRange(lines, Math.max(0, lines.length - 15), lines.length));
    }

    /** The container was created and started; whether it serves is {@link HttpReady}'s question. */
    private static final class StartedIsEnough extends org.testcontainers.containers.startupcheck.StartupCheckStrategy {
        @Override
        public StartupStatus checkStartupState(com.github.dockerjava.api.DockerClient docker, String containerId) {
            return StartupStatus.SUCCESSFUL;
        }
    }

    /**
     * Polls the readiness URL from this machine until it answers 2xx. Testcontainers' own HTTP wait asks for a
     * mapped port, which host networking does not have.
     */
    private static final class HttpReady extends AbstractWaitStrategy {
        private final URI url;
        private final String role;

        HttpReady(URI url, String role) {
            this.url = url;
            this.role = role;
        }

        @Override
        protected void waitUntilReady() {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
            long deadline = System.nanoTime() + startupTimeout.toNanos();
            String last = "no answer yet";
            while (System.nanoTime() < deadline) {
                if (!waitStrategyTarget.isRunning()) {
                    String logs = waitStrategyTarget.getLogs();
                    throw new ContainerLaunchException("the " + role + " container exited before " + url + " answered"
                            + (logs.isBlank() ? ", printing nothing" : "; its output:\n  " + tail(logs)));
                }
                try {
                    int status = client.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(2)).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode();
                    if (status >= 200 && status < 300) {
                        return;
                    }
                    last = "last answer " + status;
                } catch (IOException e) {
                    last = "last attempt: " + e.getClass().getSimpleName();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ContainerLaunchException("interrupted while waiting for " + url);
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ContainerLaunchException("interrupted while waiting for " + url);
                }
            }
            throw new ContainerLaunchException(url + " did not answer 2xx within " + startupTimeout.toSeconds() + " s (" + last + ")");
        }
    }
}
