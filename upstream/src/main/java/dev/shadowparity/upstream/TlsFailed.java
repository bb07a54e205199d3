package dev.shadowparity.upstream;

import dev.shadowparity.core.tls.TlsFailures;
import java.io.IOException;

/** TLS with a backend failed; the message says why in words ({@link TlsFailures#describe}) and names the backend. */
public final class TlsFailed extends IOException {
    private static final long serialVersionUID = 1L;

    public TlsFailed(String authority, Throwable cause) {
        super("TLS with " + authority + " failed: " + describe(cause), cause);
    }

    private static String describe(Throwable cause) {
        String why = TlsFailures.describe(cause);
        return why != null ? why : "the connection closed during the handshake";
    }
}
