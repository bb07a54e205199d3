package dev.shadowparity.run;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * The backend inside the test containers: a JDK HTTP server on {@code PORT} whose student records name the
 * family-name field {@code FIELD} (the legacy says {@code lastName}, the rewrite {@code familyName}).
 * Runs with the host's JVM, mounted read-only into a locally imported image.
 */
public final class ContainerServer {

    private ContainerServer() {}

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(System.getenv("PORT"));
        String field = System.getenv("FIELD");
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/health", ex -> {
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        server.createContext("/api/students/", ex -> {
            String id = ex.getRequestURI().getPath().substring("/api/students/".length());
            byte[] body = ("{\"id\":" + id + ",\"" + field + "\":\"Hopper\",\"courses\":[\"math\"]}")
                    .getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
        System.out.println("listening on " + port + " with " + field);
    }
}
