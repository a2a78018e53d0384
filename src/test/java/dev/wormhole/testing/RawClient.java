package dev.wormhole.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;

/** A bare HTTP/1.1 client over a socket, so a test can hang up in the middle of a response. */
public final class RawClient implements AutoCloseable {

    private final Socket socket;

    private RawClient(Socket socket) {
        this.socket = socket;
    }

    /** Sends a JSON POST with the test gateway key and returns without reading the response. */
    public static RawClient post(URL base, String path, String json) throws IOException {
        return post(base, path, UpstreamMock.GATEWAY_KEY, json);
    }

    /** Sends a JSON POST with the test gateway key and an Accept header; returns without reading the response. */
    public static RawClient postAccepting(URL base, String path, String json, String accept) throws IOException {
        return send(base, path, UpstreamMock.GATEWAY_KEY, json, "Accept: " + accept + "\r\n");
    }

    /**
     * Sends a JSON POST with the test gateway key and one more header line, written as given (so it may hold bytes
     * that HTTP client libraries refuse to send); returns without reading the response.
     */
    public static RawClient postWithHeader(URL base, String path, String json, String headerLine) throws IOException {
        return send(base, path, UpstreamMock.GATEWAY_KEY, json, headerLine + "\r\n");
    }

    /** Sends a JSON POST with the given gateway key and returns without reading the response. */
    public static RawClient post(URL base, String path, String key, String json) throws IOException {
        return send(base, path, key, json, "");
    }

    private static RawClient send(URL base, String path, String key, String json, String extraHeaders)
            throws IOException {
        Socket socket = new Socket(base.getHost(), base.getPort());
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String head = "POST " + path + " HTTP/1.1\r\nHost: " + base.getHost() + "\r\nContent-Type: application/json\r\n"
                + extraHeaders + "Authorization: Bearer " + key + "\r\nContent-Length: " + body.length + "\r\n\r\n";
        socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().write(body);
        socket.getOutputStream().flush();
        return new RawClient(socket);
    }

    /** Reads until {@code marker} has arrived; returns everything read. */
    public String readUntil(String marker) throws IOException {
        InputStream in = socket.getInputStream();
        StringBuilder seen = new StringBuilder();
        byte[] buffer = new byte[4096];
        while (!seen.toString().contains(marker)) {
            int n = in.read(buffer);
            if (n < 0) {
                throw new IOException("Connection closed before '" + marker + "'; got: " + seen);
            }
            seen.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
        }
        return seen.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
