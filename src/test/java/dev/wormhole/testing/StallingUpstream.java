package dev.wormhole.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A raw TCP upstream that accepts a request and then stalls, by model:
 * <ul>
 * <li>any model, streaming: response headers and one SSE chunk, then silence;</li>
 * <li>{@code cut}: that chunk, then a connection reset;</li>
 * <li>{@code done}: a whole answer ending in {@code data: [DONE]}, then silence with the body left open;</li>
 * <li>{@code slowfirst}: response headers, then silence before any chunk;</li>
 * <li>{@code silent}, or any non-streaming request: silence from the start.</li>
 * </ul>
 * It counts the connections the gateway closes, which is how tests see that a client's disconnect reached
 * the upstream.
 */
public final class StallingUpstream implements AutoCloseable {

    private final ServerSocket server;
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger closedByPeer = new AtomicInteger();
    private final Thread acceptor;

    public StallingUpstream() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::acceptLoop, "stalling-upstream");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Connections accepted so far. */
    public int accepted() {
        return accepted.get();
    }

    /** Connections the peer (the gateway) closed or reset. */
    public int closedByPeer() {
        return closedByPeer.get();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                accepted.incrementAndGet();
                Thread handler = new Thread(() -> handle(socket), "stalling-upstream-conn");
                handler.setDaemon(true);
                handler.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void handle(Socket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            String head = readHead(in);
            String request = new String(in.readNBytes(contentLength(head)), StandardCharsets.UTF_8);
            if (head.contains("text/event-stream") && !request.contains("\"model\":\"silent\"")) {
                OutputStream out = socket.getOutputStream();
                String chunk = "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
                        + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"hi\"}}]}\n\n";
                if (request.contains("\"model\":\"done\"")) {
                    chunk += "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
                            + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n";
                }
                String body = request.contains("\"model\":\"slowfirst\"") ? ""
                        : Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n";
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + body).getBytes(StandardCharsets.UTF_8));
                out.flush();
                if (request.contains("\"model\":\"cut\"")) {
                    socket.setSoLinger(true, 0);
                    return;
                }
            }
            // Stall: keep reading (the request body, then nothing) until the gateway closes the connection.
            byte[] buffer = new byte[8192];
            while (in.read(buffer) >= 0) {
                // discard
            }
            closedByPeer.incrementAndGet();
        } catch (IOException e) {
            closedByPeer.incrementAndGet();
        }
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                return Integer.parseInt(line.substring(15).trim());
            }
        }
        return 0;
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0) {
            head.append((char) b);
            if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                break;
            }
        }
        return head.toString();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
