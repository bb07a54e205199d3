package dev.shadowparity.core.log;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.shadowparity.core.ComparedExchange;
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
    public static final class BadLineException extends RuntimeException {
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

    /** Calls {@code sink} with every exchange in file order; returns how many were read. */
    public static long forEach(Path file, Consumer<ComparedExchange> sink) {
        long lineNo = 0;
        long count = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                ComparedExchange ce;
                try {
                    JsonNode node = ExchangeJson.MAPPER.readTree(line);
                    ce = ExchangeJson.fromJson(node);
                } catch (JsonProcessingException e) {
                    throw new BadLineException(file, lineNo, "not JSON: " + e.getOriginalMessage());
                } catch (IllegalArgumentException | java.time.DateTimeException e) {
                    throw new BadLineException(file, lineNo, e.getMessage());
                }
                sink.accept(ce);
                count++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return count;
    }
}
