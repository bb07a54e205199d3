package dev.shadowparity.core;

/**
 * A failure the user can act on, whose message says what is wrong and where (file, line, field, backend): the
 * command line prints it as it is, without a stack trace. Anything else is a bug and keeps its type.
 */
public class ParityException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ParityException(String message) {
        super(message);
    }

    public ParityException(String message, Throwable cause) {
        super(message, cause);
    }
}
