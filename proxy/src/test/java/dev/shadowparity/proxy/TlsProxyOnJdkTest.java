package dev.shadowparity.proxy;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Every case of {@link TlsProxyTest} again on the JDK's TLS, which the proxy uses where OpenSSL has no build. */
class TlsProxyOnJdkTest extends TlsProxyTest {

    @BeforeAll
    static void useTheJdksTls() {
        System.setProperty("parity.tls", "jdk");
    }

    @AfterAll
    static void restore() {
        System.clearProperty("parity.tls");
    }
}
