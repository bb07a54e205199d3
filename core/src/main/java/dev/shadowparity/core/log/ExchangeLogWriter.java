package dev.shadowparity.core.log;

import dev.shadowparity.core.ComparedExchange;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.TreeMap;

/**
 * Appends {@code exchanges.jsonl} in the order requests were received (by exchange id, starting at 1),
 * although comparisons finish out of order. Exchanges that finish early wait in a bounded buffer; when it
 * is full the oldest waiting one is written, so one stuck exchange cannot hold memory without limit.
 */
public final class ExchangeLogWriter implements Closeable {

    private final ExchangeJson json;
    private final BufferedOutputStream out;
    private final int maxWaiting;
    private final TreeMap<Long, byte[]> waiting = new TreeMap<>();
    private long nextId = 1;
    private long written;

    public ExchangeLogWriter(Path file, ExchangeJson json, int maxWaiting) {
        this.json = json;
        this.maxWaiting = maxWaiting;
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            this.out = new BufferedOutputStream(Files.newOutputStream(file,
                    StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE), 1 << 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open exchange log " + file, e);
        }
    }

    /** Serialises on the caller's thread (so comparison workers do it in parallel), then orders under the lock. */
    public void write(ComparedExchange ce) {
        byte[] line = json.toLineBytes(ce);
        synchronized (this) {
            waiting.put(ce.exchange().id(), line);
            drain(false);
        }
    }

    private void drain(boolean all) {
        while (!waiting.isEmpty()) {
            Map.Entry<Long, byte[]> first = waiting.firstEntry();
            boolean inOrder = first.getKey() <= nextId;
            if (!inOrder && !all && waiting.size() <= maxWaiting) {
                return;
            }
            waiting.pollFirstEntry();
            writeLine(first.getValue());
            nextId = Math.max(nextId, first.getKey() + 1);
        }
    }

    private void writeLine(byte[] line) {
        try {
            out.write(line);
            out.write('\n');
            written++;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to exchange log", e);
        }
    }

    public synchronized void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public synchronized long written() {
        return written;
    }

    @Override
    public synchronized void close() {
        drain(true);
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
