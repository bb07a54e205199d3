package dev.shadowparity.core.config;

import dev.shadowparity.core.ParityException;

/** A configuration problem, with where it is: {@code parity.yaml:12:7: proxy.mirror.percent: ...}. */
public final class ConfigException extends ParityException {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;
    private final String key;

    public ConfigException(String source, int line, int column, String key, String problem) {
        super(format(source, line, column, key, problem));
        this.source = source;
        this.line = line;
        this.key = key;
    }

    private static String format(String source, int line, int column, String key, String problem) {
        StringBuilder sb = new StringBuilder(source);
        if (line > 0) {
            sb.append(':').append(line);
            if (column > 0) {
                sb.append(':').append(column);
            }
        }
        sb.append(": ");
        if (key != null && !key.isEmpty()) {
            sb.append(key).append(": ");
        }
        return sb.append(problem).toString();
    }

    public String source() {
        return source;
    }

    public int line() {
        return line;
    }

    public String key() {
        return key;
    }
}
