package dev.shadowparity.core.log;

import dev.shadowparity.core.ExchangeResult;
import dev.shadowparity.core.config.ExchangeLogSettings;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.TreeMap;

/**
 * Appends {@code exchanges.jsonl} in the order requests were received (by exchange id, starting at 1),
 * although comparisons finish out of order. Exchanges that finish early wait in a bounded buffer; when it
 * is full the oldest waiting one is written, so one stuck exchange cannot hold memory without limit.
 * Past {@code maxBytes} the file rotates at a line boundary (see {@link ExchangeLogSettings}).
 */
public final class ExchangeLogWriter implements Closeable {

    private final Path file;
    private final ExchangeJson json;
    private final int maxWaiting;
    private final long maxBytes;
    private final int keep;
    private BufferedOutputStream out;
    private long bytesInFile;
    private int rotations;
    private final TreeMap<Long, byte[]> waiting = new TreeMap<>();
    private long nextId = 1;
    private long written;

    public ExchangeLogWriter(Path file, ExchangeJson json, int maxWaiting) {
        this(file, json, maxWaiting, ExchangeLogSettings.DEFAULT);
    }

    /** Starts a fresh log: an existing file and rotated files left by an earlier run in the folder are replaced. */
    public ExchangeLogWriter(Path file, ExchangeJson json, int maxWaiting, ExchangeLogSettings settings) {
        this.file = file;
        this.json = json;
        this.maxWaiting = maxWaiting;
        this.maxBytes = settings.maxSize().bytes();
        this.keep = settings.keep();
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            for (Path old : ExchangeLogReader.rotated(file)) {
                Files.delete(old);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare exchange log " + file, e);
        }
        this.out = open();
    }

    private BufferedOutputStream open() {
        try {
            return new BufferedOutputStream(Files.newOutputStream(file,
                    StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE), 1 << 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open exchange log " + file, e);
        }
    }

    /** exchanges.jsonl becomes exchanges.1.jsonl, .1 becomes .2 and so on; beyond {@code keep} they are deleted. */
    private void rotate() throws IOException {
        out.close();
        Files.deleteIfExists(ExchangeLogReader.rotatedName(file, keep + 1));
        for (int k = keep; k >= 1; k--) {
            Path from = k == 1 ? file : ExchangeLogReader.rotatedName(file, k - 1);
            if (Files.exists(from)) {
                Files.move(from, ExchangeLogReader.rotatedName(file, k), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.deleteIfExists(file); // keep == 0: nothing is kept
        out = open();
        bytesInFile = 0;
        rotations++;
    }

    /** Serialises on the caller's thread (so comparison workers do it in parallel), then orders under the lock. */
    public void write(ExchangeResult ce) {
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
            if (bytesInFile > 0 && bytesInFile + line.length + 1 > maxBytes) {
                rotate();
            }
            out.write(line);
            out.write('\n');
            bytesInFile += line.length + 1;
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

    /** How many times the file rotated; lines in files beyond {@code keep} are gone. */
    public synchronized int rotations() {
        return rotations;
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
