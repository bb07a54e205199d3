package dev.shadowparity.proxy;

import dev.shadowparity.upstream.TlsContexts;
import dev.shadowparity.core.config.ListenerTls;
import dev.shadowparity.core.tls.ServerIdentity;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.atomic.LongAdder;

/**
 * The TLS listener's certificate, reloaded when its files change: a rotated certificate (cert-manager, certbot) is
 * served to new connections within a second of being written, without a restart; connections already open keep the
 * one they shook hands with. A change that cannot be read, or a key that does not match, keeps the certificate in
 * use and says why, once per change; a half-written pair is read again at the next check.
 */
final class ListenerCertificates {

    private final ListenerTls files;
    private final boolean http2;
    private volatile SslContext context;
    private volatile String subject;
    private FileTime certSeen;
    private FileTime keySeen;
    private String lastProblem;
    private final LongAdder reloads;
    private final LongAdder reloadFailures;

    /** @param reloads counts certificates reloaded; {@code reloadFailures} checks that found a change it could not use */
    ListenerCertificates(ListenerTls files, boolean http2, LongAdder reloads, LongAdder reloadFailures) {
        this.files = files;
        this.http2 = http2;
        this.reloads = reloads;
        this.reloadFailures = reloadFailures;
        ServerIdentity identity = files.identity();
        this.certSeen = modified(files.cert());
        this.keySeen = modified(files.key());
        this.context = TlsContexts.server(identity, http2);
        this.subject = identity.subject();
    }

    /** A handler for a new client connection, with the certificate in use now. */
    SslHandler newHandler(ByteBufAllocator alloc) {
        return context.newHandler(alloc);
    }

    String subject() {
        return subject;
    }

    /** Reads the files again if either changed since the last look; called every second from one thread. */
    synchronized void check() {
        FileTime cert = modified(files.cert());
        FileTime key = modified(files.key());
        if (cert == null || key == null || (cert.equals(certSeen) && key.equals(keySeen))) {
            return;
        }
        try {
            ServerIdentity identity = ServerIdentity.load(files.cert(), files.key());
            context = TlsContexts.server(identity, http2);
            subject = identity.subject();
            certSeen = cert;
            keySeen = key;
            lastProblem = null;
            reloads.increment();
            System.err.println("parity proxy: TLS certificate reloaded: " + subject);
        } catch (RuntimeException e) {
            // Not marked seen: cert and key are often written one after the other, and the pair matches a moment later.
            reloadFailures.increment();
            if (!e.getMessage().equals(lastProblem)) {
                lastProblem = e.getMessage();
                System.err.println("parity proxy: TLS certificate not reloaded, still serving " + subject + ": " + e.getMessage());
            }
        }
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return null; // being replaced: looked at again next second
        }
    }
}
