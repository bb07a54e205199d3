package dev.shadowparity.core.log;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.shadowparity.core.ExchangeResult;
import dev.shadowparity.core.ParityException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Reads {@code exchanges.jsonl} line by line; a bad line is an error naming the file and line. */
public final class ExchangeLogReader {

    private ExchangeLogReader() {}

    /** A line that is not a valid exchange. */
    public static final class BadLineException extends ParityException {
        private static final long serialVersionUID = 1L;

        BadLineException(Path file, long line, String problem) {
            super(file + ":" + line + ": " + problem);
        }
    }

    /** The name {@code exchanges.jsonl} has after its {@code k}-th rotation: {@code exchanges.k.jsonl}. */
    public static Path rotatedName(Path file, int k) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String rotated = dot < 0 ? name + "." + k : name.substring(0, dot) + "." + k + name.substring(dot);
        return file.resolveSibling(rotated);
    }

    /** The rotated files beside {@code file} that exist, oldest first (highest number first). */
    public static List<Path> rotated(Path file) {
        List<Path> found = new ArrayList<>();
        for (int k = 1; Files.exists(rotatedName(file, k)); k++) {
            found.add(0, rotatedName(file, k));
        }
        return found;
    }

    /** Every file of a rotated log, oldest first, ending with {@code file} itself when it exists. */
    public static List<Path> oldestFirst(Path file) {
        List<Path> all = rotated(file);
        if (Files.exists(file)) {
            all.add(file);
        }
        return all;
    }

    /** What a reader does with each line that is not blank; {@code false} stops the reading. */
    public interface LineVisitor {
        boolean visit(long lineNo, String line);
    }

    /** Reads {@code file} line by line, skipping blank lines, until the visitor says stop. */
    public static void eachLine(Path file, LineVisitor visitor) {
        long lineNo = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (!line.isBlank() && !visitor.visit(lineNo, line)) {
                    return;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Calls {@code sink} with every exchange in file order; returns how many were read. A bad line ends the read. */
    public static long forEach(Path file, Consumer<ExchangeResult> sink) {
        return forEach(file, sink, bad -> {
            throw bad;
        });
    }

    /**
     * As {@link #forEach(Path, Consumer)}, handing each bad line to {@code onBadLine} instead, which may throw it or
     * count it and let the read go on (a line torn by a killed writer).
     */
    public static long forEach(Path file, Consumer<ExchangeResult> sink, Consumer<BadLineException> onBadLine) {
        long[] count = {0};
        eachLine(file, (lineNo, line) -> {
            ExchangeResult result;
            try {
                result = ExchangeJson.fromJson(ExchangeJson.MAPPER.readTree(line));
            } catch (JsonProcessingException e) {
                onBadLine.accept(new BadLineException(file, lineNo, "not JSON: " + e.getOriginalMessage()));
                return true;
            } catch (IllegalArgumentException | java.time.DateTimeException e) {
                onBadLine.accept(new BadLineException(file, lineNo, e.getMessage()));
                return true;
            }
            sink.accept(result);
            count[0]++;
            return true;
        });
        return count[0];
    }
}
