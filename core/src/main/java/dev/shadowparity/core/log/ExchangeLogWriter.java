package dev.shadowparity.core.log;

import dev.shadowparity.core.ExchangeResult;
import dev.shadowparity.core.config.ExchangeLogSettings;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Appends {@code exchanges.jsonl} in the order requests were received (by exchange id, starting at 1),
 * although comparisons finish out of order. Exchanges that finish early wait in a bounded buffer; when it
 * is full the oldest waiting one is written, so one stuck exchange cannot hold memory without limit.
 * Past {@code maxBytes} the file rotates at a line boundary (see {@link ExchangeLogSettings}).
 *
 * <p>A line is written whole or not at all, and nothing here throws for want of space: lines go out in batches of
 * whole lines, and a batch that fails to write (a full disk, an I/O error) is cut back off the file and its lines
 * are counted as not written. The log then says so once, retries once a second (lines meanwhile are counted, not
 * kept), and says so again when writing resumes. The ledger and the verdict come from memory and lose nothing.
 */
public final class ExchangeLogWriter implements Closeable {

    /** How the log fared: lines written, lines that could not be, and the last problem while it is failing. */
    public record Health(long written, long notWritten, String problem) {
        public static final Health NONE = new Health(0, 0, null);

        public boolean degraded() {
            return notWritten > 0 || problem != null;
        }
    }

    private static final int BATCH = 1 << 16;
    private static final long RETRY_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Path file;
    private final ExchangeJson json;
    private final int maxWaiting;
    private final long maxBytes;
    private final int keep;
    private final Consumer<String> notices;
    private FileChannel channel;
    private final ByteBuffer batch = ByteBuffer.allocate(BATCH);
    private int linesInBatch;
    /** Bytes of whole lines in the current file. */
    private long fileSize;
    private int rotations;
    private final TreeMap<Long, byte[]> waiting = new TreeMap<>();
    private long nextId = 1;
    private long written;
    private long notWritten;
    /** The problem while writing fails, {@code null} while it works. */
    private String problem;
    private long retryAt;

    public ExchangeLogWriter(Path file, ExchangeJson json, int maxWaiting) {
        this(file, json, maxWaiting, ExchangeLogSettings.DEFAULT);
    }

    public ExchangeLogWriter(Path file, ExchangeJson json, int maxWaiting, ExchangeLogSettings settings) {
        this(file, json, maxWaiting, settings, System.err::println);
    }

    /**
     * Starts a fresh log: an existing file and rotated files left by an earlier run in the folder are replaced.
     *
     * @param notices where the one line per change of state goes (writing failed, writing resumed)
     */
    public ExchangeLogWriter(Path file, ExchangeJson json, int maxWaiting, ExchangeLogSettings settings,
                             Consumer<String> notices) {
        this.file = file;
        this.json = json;
        this.maxWaiting = maxWaiting;
        this.maxBytes = settings.maxSize().bytes();
        this.keep = settings.keep();
        this.notices = notices;
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            for (Path old : ExchangeLogReader.rotated(file)) {
                Files.delete(old);
            }
            this.channel = open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare exchange log " + file, e);
        }
    }

    private FileChannel open() throws IOException {
        FileChannel c = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE);
        fileSize = 0;
        return c;
    }

    /** Opens the current file again where it ends, keeping what is in it. */
    private void reopen() throws IOException {
        channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        fileSize = channel.size();
        channel.position(fileSize);
    }

    /** exchanges.jsonl becomes exchanges.1.jsonl, .1 becomes .2 and so on; beyond {@code keep} they are deleted. */
    private void rotate() throws IOException {
        channel.close();
        channel = null;
        Files.deleteIfExists(ExchangeLogReader.rotatedName(file, keep + 1));
        for (int k = keep; k >= 1; k--) {
            Path from = k == 1 ? file : ExchangeLogReader.rotatedName(file, k - 1);
            if (Files.exists(from)) {
                Files.move(from, ExchangeLogReader.rotatedName(file, k), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.deleteIfExists(file); // keep == 0: nothing is kept
        channel = open();
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
            append(first.getValue());
            nextId = Math.max(nextId, first.getKey() + 1);
        }
    }

    private void append(byte[] line) {
        if (problem != null && System.nanoTime() - retryAt < 0) {
            notWritten++; // failing: counted, not kept, until the next attempt
            return;
        }
        long ahead = fileSize + batch.position();
        if (ahead > 0 && ahead + line.length + 1 > maxBytes) {
            flushBatch();
            try {
                rotate();
            } catch (IOException e) {
                failed(0, e);
            }
        }
        if (line.length + 1 > batch.remaining()) {
            flushBatch();
        }
        if (line.length + 1 > batch.capacity()) {
            ByteBuffer one = ByteBuffer.allocate(line.length + 1).put(line).put((byte) '\n');
            writeWhole(one.flip(), 1);
            return;
        }
        batch.put(line).put((byte) '\n');
        linesInBatch++;
    }

    private void flushBatch() {
        if (linesInBatch == 0) {
            return;
        }
        batch.flip();
        writeWhole(batch, linesInBatch);
        batch.clear();
        linesInBatch = 0;
    }

    /** Writes {@code lines} whole lines, or cuts back what part of them reached the file and counts them unwritten. */
    private void writeWhole(ByteBuffer bytes, int lines) {
        try {
            if (channel == null) {
                reopen(); // the file could not be opened after a rotation: try again
            }
            int n = bytes.remaining();
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            fileSize += n;
            written += lines;
            if (problem != null) {
                notices.accept("exchange log: writing to " + file + " again; " + notWritten + " lines were not written");
                problem = null;
            }
        } catch (IOException e) {
            try {
                if (channel != null) {
                    channel.truncate(fileSize);
                    channel.position(fileSize);
                }
            } catch (IOException ignored) {
                // nothing more can be done here; the next attempt opens or cuts again
            }
            failed(lines, e);
        }
    }

    private void failed(int lines, IOException e) {
        notWritten += lines;
        retryAt = System.nanoTime() + RETRY_NANOS;
        if (problem == null) {
            problem = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            notices.accept("exchange log: cannot write to " + file + " (" + problem + "); lines are counted as not written"
                    + " and writing is retried every second; the verdict is kept in memory and loses nothing");
        }
    }

    /** Writes out every whole line held; a failure is counted like any other. */
    public synchronized void flush() {
        flushBatch();
    }

    /** Lines written, or held whole in the batch that goes out next. */
    public synchronized long written() {
        return written + linesInBatch;
    }

    public synchronized Health health() {
        return new Health(written + linesInBatch, notWritten, problem);
    }

    /** How many times the file rotated; lines in files beyond {@code keep} are gone. */
    public synchronized int rotations() {
        return rotations;
    }

    @Override
    public synchronized void close() {
        retryAt = System.nanoTime(); // one last attempt for what waits
        drain(true);
        flushBatch();
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            failed(0, e);
        }
    }
}
