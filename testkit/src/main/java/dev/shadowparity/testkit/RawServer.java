package dev.shadowparity.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A misbehaving backend on a real loopback socket: it reads each request's head, then either never
 * answers (until closed) or answers with fixed bytes, such as garbage. Counts requests it has read.
 */
public class RawServer implements AutoCloseable {

    private final ServerSocket server;
    private volatile byte[] answer;
    private final boolean keepAlive;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger requestsRead = new AtomicInteger();
    private final AtomicInteger connectionsEnded = new AtomicInteger();
    private final List<String> heads = new CopyOnWriteArrayList<>();
    private final CountDownLatch firstRequest = new CountDownLatch(1);
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    /** @param answer bytes written after each request head, or {@code null} to never answer */
    public RawServer(String answer) throws IOException {
        this(answer, false);
    }

    /** @param keepAlive keep the connection open after answering, for the next request */
    public RawServer(String answer, boolean keepAlive) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.answer = answer == null ? null : answer.getBytes(StandardCharsets.ISO_8859_1);
        this.keepAlive = keepAlive;
        this.acceptor = new Thread(this::acceptLoop, "raw-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public static RawServer neverAnswering() throws IOException {
        return new RawServer(null);
    }

    /** From now on, answers requests read from here on with {@code response} (a stalled backend recovering). */
    public void startAnswering(String response) {
        answer = response.getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * Keeps each connection alive after its first answer, then closes it, unanswered, when the next request
     * arrives on it: as a backend does that closes idle keep-alive connections just as the proxy reuses one.
     */
    public static RawServer closingIdleConnections(String response) throws IOException {
        Set<Socket> answered = ConcurrentHashMap.newKeySet();
        return new RawServer(response, true) {
            @Override
            protected void answer(Socket s) throws IOException {
                if (answered.add(s)) {
                    super.answer(s);
                } else {
                    s.close();
                }
            }
        };
    }

    /**
     * Keeps connections alive and holds every answer until {@link #release} is called; from then on answers at once.
     * A candidate that is slow but answers: the test decides when.
     */
    public static RawServer holdingAnswers(String response) throws IOException {
        return new RawServer(response, true) {
            @Override
            protected void answer(Socket s) throws IOException {
                try {
                    released.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException(e);
                }
                super.answer(s);
            }
        };
    }

    final CountDownLatch released = new CountDownLatch(1);

    /** Lets a {@link #holdingAnswers} server answer. */
    public void release() {
        released.countDown();
    }

    /** Answers every request head with a TCP reset (SO_LINGER 0, then close). */
    public static RawServer resetting() throws IOException {
        return new RawServer("", false) {
            @Override
            protected void answer(Socket s) throws IOException {
                s.setSoLinger(true, 0);
                s.close();
            }
        };
    }

    /** What happens after a request head was read; overridden by misbehaving variants. */
    protected void answer(Socket s) throws IOException {
        s.getOutputStream().write(answer);
        s.getOutputStream().flush();
        if (!keepAlive) {
            s.shutdownOutput();
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    /** TCP connections accepted so far. */
    public int connections() {
        return connections.get();
    }

    /** The request heads read so far, as sent (start line and fields), in the order read. */
    public List<String> heads() {
        return heads;
    }

    /** Connections whose other end (the proxy) closed them, or that this server finished with. */
    public int connectionsEnded() {
        return connectionsEnded.get();
    }

    public int requestsRead() {
        return requestsRead.get();
    }

    public boolean awaitFirstRequest(long seconds) throws InterruptedException {
        return firstRequest.await(seconds, TimeUnit.SECONDS);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                connections.incrementAndGet();
                sockets.add(s);
                Thread t = new Thread(() -> serve(s), "raw-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s; InputStream in = s.getInputStream()) {
            StringBuilder head = new StringBuilder();
            while (readHead(in, head)) {
                heads.add(head.toString());
                head.setLength(0);
                requestsRead.incrementAndGet();
                firstRequest.countDown();
                byte[] now = answer;
                if (now != null) {
                    answer(s);
                    if (!keepAlive) {
                        return;
                    }
                }
            }
        } catch (IOException e) {
            // the proxy closed the connection: expected when it times out
        } finally {
            connectionsEnded.incrementAndGet();
        }
    }

    /**
     * Reads one answer from a raw client socket: its head and a {@code Content-Length} body (what was read, if the
     * connection ends first). Shared by the raw-socket tests, which speak HTTP byte by byte on purpose.
     */
    public static String readResponse(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        if (!readHead(in, head)) {
            return head.toString();
        }
        int length = 0;
        for (String line : head.toString().split("\r\n")) {
            if (line.regionMatches(true, 0, "content-length:", 0, 15)) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        return head + new String(in.readNBytes(length), StandardCharsets.ISO_8859_1);
    }

    /** Reads up to the blank line ending a request head; false at end of stream. Shared by the raw-socket tests. */
    public static boolean readHead(InputStream in) throws IOException {
        return readHead(in, null);
    }

    private static boolean readHead(InputStream in, StringBuilder text) throws IOException {
        int state = 0;
        int b;
        while ((b = in.read()) >= 0) {
            if (text != null) {
                text.append((char) b);
            }
            state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3))
                    ? state + 1 : 0;
            if (state == 4) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : sockets) {
            s.close();
        }
    }
}
