package io.switchboard.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A client that keeps its connection open can send its next request after any answer, including one
 * given before the server needed the request's body. The body is sent late on purpose, the way a
 * client that writes headers and body separately does on a busy network.
 */
class ConnectionReuseTest {
    private static ApiFixture api;

    @BeforeAll
    static void start() {
        api = ApiFixture.start(SharedStore.get());
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
    }

    @Test
    void aRejectedRequestWhoseBodyArrivesLateLeavesTheConnectionUsable() throws Exception {
        try (Socket socket = new Socket(api.base().getHost(), api.base().getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));

            String body = "{\"text\": \"hello\"}";
            out.write(("POST /api/v1/tickets/1/notes HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread.sleep(300);
            out.write(body.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Response unauthenticated = Response.read(in);
            assertEquals(401, unauthenticated.status, unauthenticated.head);
            assertTrue(!unauthenticated.head.toLowerCase().contains("connection: close"), unauthenticated.head);

            out.write(("GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Response health = Response.read(in);
            assertEquals(200, health.status, health.head);
        }
    }

    private record Response(int status, String head) {
        static Response read(BufferedReader in) throws IOException {
            String statusLine = in.readLine();
            if (statusLine == null) {
                throw new IOException("the server closed the connection instead of answering");
            }
            StringBuilder head = new StringBuilder(statusLine).append('\n');
            int contentLength = 0;
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                head.append(line).append('\n');
                if (line.toLowerCase().startsWith("content-length:")) {
                    contentLength = Integer.parseInt(line.substring(15).trim());
                }
            }
            char[] content = new char[contentLength];
            int read = 0;
            while (read < contentLength) {
                read += in.read(content, read, contentLength - read);
            }
            return new Response(Integer.parseInt(statusLine.split(" ")[1]), head.toString());
        }
    }
}
