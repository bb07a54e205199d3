package dev.shadowparity.core.log;

import dev.shadowparity.core.ComparedExchange;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
    private final BufferedWriter out;
    private final int maxWaiting;
    private final TreeMap<Long, ComparedExchange> waiting = new TreeMap<>();
    private long nextId = 1;
    private long written;

    public ExchangeLogWriter(Path file, ExchangeJson json, int maxWaiting) {
        this.json = json;
        this.maxWaiting = maxWaiting;
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open exchange log " + file, e);
        }
    }

    public synchronized void write(ComparedExchange ce) {
        waiting.put(ce.exchange().id(), ce);
        drain(false);
    }

    private void drain(boolean all) {
        while (!waiting.isEmpty()) {
            Map.Entry<Long, ComparedExchange> first = waiting.firstEntry();
            boolean inOrder = first.getKey() <= nextId;
            if (!inOrder && !all && waiting.size() <= maxWaiting) {
                return;
            }
            waiting.pollFirstEntry();
            writeLine(first.getValue());
            nextId = Math.max(nextId, first.getKey() + 1);
        }
    }

    private void writeLine(ComparedExchange ce) {
        try {
            out.write(json.toLine(ce));
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
