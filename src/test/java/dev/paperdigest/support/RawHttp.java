package dev.paperdigest.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Sends a request's headers, and no body, the way a careful client asks first with
 * {@code Expect: 100-continue}: shows whether the server refuses a body on its headers alone.
 * (Java's own HttpClient hangs on a refusal that has a body, so it cannot test this.)
 */
public final class RawHttp {

    /** The status line, headers and body of the answer. */
    public record Answer(int status, String head, String body) {}

    private RawHttp() {}

    public static Answer headersOnly(URL base, String method, String pathAndQuery, Map<String, String> headers) {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            StringBuilder request =
                    new StringBuilder(method + " " + pathAndQuery + " HTTP/1.1\r\nHost: " + base.getHost() + "\r\n");
            headers.forEach((name, value) ->
                    request.append(name).append(": ").append(value).append("\r\n"));
            OutputStream out = socket.getOutputStream();
            out.write(request.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String answer = readUntilClosed(socket.getInputStream());
            int blank = answer.indexOf("\r\n\r\n");
            String head = blank < 0 ? answer : answer.substring(0, blank);
            return new Answer(
                    Integer.parseInt(head.substring(9, 12)), head, blank < 0 ? "" : answer.substring(blank + 4));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readUntilClosed(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            bytes.write(buffer, 0, n);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
