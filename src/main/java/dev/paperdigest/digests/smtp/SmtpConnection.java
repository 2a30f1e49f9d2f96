package dev.paperdigest.digests.smtp;

import dev.paperdigest.digests.smtp.SmtpRefusedException.Step;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Locale;

/**
 * One SMTP session to the relay, used by one thread for many messages. The message goes out as
 * prepared bytes in one buffered write, and the socket sends without delay (TCP_NODELAY): the
 * Quarkus mailer's client writes a body line by line, waiting for each write, and the usual Java
 * clients push a message through per-byte streams; both cost more than the rest of a digest
 * together (docs/PERFORMANCE.md). Speaks what relays need: STARTTLS or TLS, AUTH PLAIN or LOGIN,
 * multi-line replies, a timeout on every step.
 */
public final class SmtpConnection implements Closeable {

    private final SmtpSettings settings;
    private final String heloName;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private String capabilities = "";

    private SmtpConnection(SmtpSettings settings, String heloName) {
        this.settings = settings;
        this.heloName = heloName;
    }

    /** Connects, greets, secures and logs in as configured. */
    public static SmtpConnection open(SmtpSettings settings, String heloName) throws IOException {
        SmtpConnection connection = new SmtpConnection(settings, heloName);
        try {
            connection.connect();
            return connection;
        } catch (IOException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    private void connect() throws IOException {
        int timeout = (int) settings.timeout().toMillis();
        Socket plain = new Socket();
        plain.setTcpNoDelay(true);
        plain.setSoTimeout(timeout);
        try {
            plain.connect(new InetSocketAddress(settings.host(), settings.port()), timeout);
        } catch (IOException e) {
            plain.close();
            throw new SmtpUnreachableException(settings.host() + ":" + settings.port(), e);
        }
        use(settings.tls() ? secure(plain) : plain);
        expect(220, "greeting", Step.SESSION);
        ehlo();
        String startTls = settings.startTls().toUpperCase(Locale.ROOT);
        if (!settings.tls() && !startTls.equals("DISABLED")) {
            if (offers("STARTTLS")) {
                command("STARTTLS", Step.SESSION, 220);
                use(secure(socket));
                ehlo();
            } else if (startTls.equals("REQUIRED")) {
                throw new IOException(
                        "the SMTP server does not offer STARTTLS, which quarkus.mailer.start-tls requires");
            }
        }
        if (settings.username().isPresent()) {
            login(settings.username().get(), settings.password().orElse(""));
        }
    }

    /** Whether the server takes 8-bit text (RFC 6152). */
    public boolean eightBitMime() {
        return offers("8BITMIME");
    }

    /** Sends one message; {@code message} is the whole of it, headers and body, lines ending in CRLF. */
    public void send(String sender, String recipient, byte[] message) throws IOException {
        command("MAIL FROM:<" + sender + ">" + (eightBitMime() ? " BODY=8BITMIME" : ""), Step.SENDER, 250);
        command("RCPT TO:<" + recipient + ">", Step.RECIPIENT, 250, 251);
        command("DATA", Step.MESSAGE, 354);
        writeDotStuffed(message);
        out.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        expect(250, "the message", Step.MESSAGE);
    }

    /** After a refused message: the session goes on with the next. */
    public void reset() throws IOException {
        command("RSET", Step.SESSION, 250);
    }

    /** Whether the server still answers (NOOP). */
    public boolean isAlive() {
        try {
            command("NOOP", Step.SESSION, 250);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        if (socket == null) {
            return;
        }
        try {
            if (!socket.isClosed() && out != null) {
                out.write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
        } catch (IOException ignored) {
            // closing anyway
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing left to do
        }
    }

    private void use(Socket s) throws IOException {
        socket = s;
        in = new BufferedInputStream(s.getInputStream());
        out = new BufferedOutputStream(s.getOutputStream(), 64 * 1024);
    }

    private void ehlo() throws IOException {
        send("EHLO " + heloName);
        Reply reply = reply();
        if (reply.code != 250) {
            throw new SmtpRefusedException(reply.code, reply.text, "EHLO", Step.SESSION);
        }
        capabilities = reply.text.toUpperCase(Locale.ROOT);
    }

    private boolean offers(String capability) {
        for (String line : capabilities.split("\n")) {
            if (line.strip().equals(capability) || line.strip().startsWith(capability + " ")) {
                return true;
            }
        }
        return false;
    }

    private void login(String user, String password) throws IOException {
        Base64.Encoder b64 = Base64.getEncoder();
        if (capabilities.contains("PLAIN")) {
            String plain = "\0" + user + "\0" + password;
            command("AUTH PLAIN " + b64.encodeToString(plain.getBytes(StandardCharsets.UTF_8)), Step.SESSION, 235);
        } else {
            command("AUTH LOGIN", Step.SESSION, 334);
            command(b64.encodeToString(user.getBytes(StandardCharsets.UTF_8)), Step.SESSION, 334);
            command(b64.encodeToString(password.getBytes(StandardCharsets.UTF_8)), Step.SESSION, 235);
        }
    }

    private Socket secure(Socket plain) throws IOException {
        try {
            SSLSocketFactory factory =
                    settings.trustAll() ? trustingAll() : (SSLSocketFactory) SSLSocketFactory.getDefault();
            SSLSocket tls = (SSLSocket) factory.createSocket(plain, settings.host(), settings.port(), true);
            if (!settings.trustAll()) {
                SSLParameters parameters = tls.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name the host
                tls.setSSLParameters(parameters);
            }
            tls.startHandshake();
            return tls;
        } catch (GeneralSecurityException e) {
            throw new IOException("TLS to the SMTP server failed", e);
        }
    }

    private static SSLSocketFactory trustingAll() throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(
                null,
                new TrustManager[] {
                    new X509TrustManager() {
                        @Override
                        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

                        @Override
                        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

                        @Override
                        public X509Certificate[] getAcceptedIssuers() {
                            return new X509Certificate[0];
                        }
                    }
                },
                null);
        return context.getSocketFactory();
    }

    private void command(String line, Step step, int... accepted) throws IOException {
        send(line);
        Reply reply = reply();
        for (int code : accepted) {
            if (reply.code == code) {
                return;
            }
        }
        String shown = line.startsWith("AUTH") || accepted[0] == 334 || accepted[0] == 235 ? "AUTH" : line;
        throw new SmtpRefusedException(reply.code, reply.text, shown, step);
    }

    private void expect(int code, String what, Step step) throws IOException {
        Reply reply = reply();
        if (reply.code != code) {
            throw new SmtpRefusedException(reply.code, reply.text, what, step);
        }
    }

    private void send(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** The message with a dot doubled at the start of each line (RFC 5321 4.5.2); lines already end in CRLF. */
    private void writeDotStuffed(byte[] message) throws IOException {
        int from = 0;
        boolean lineStart = true;
        for (int i = 0; i < message.length; i++) {
            if (lineStart && message[i] == '.') {
                out.write(message, from, i - from);
                out.write('.');
                from = i;
            }
            lineStart = message[i] == '\n';
        }
        out.write(message, from, message.length - from);
        if (message.length > 0 && message[message.length - 1] != '\n') {
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
    }

    private record Reply(int code, String text) {}

    /** A reply, all its lines: {@code 250-first}, ..., {@code 250 last}. */
    private Reply reply() throws IOException {
        StringBuilder text = new StringBuilder();
        while (true) {
            String line = readLine();
            if (line.length() < 3) {
                throw new IOException("the SMTP server answered \"" + line + "\"");
            }
            text.append(line.length() > 4 ? line.substring(4) : "").append('\n');
            if (line.length() == 3 || line.charAt(3) != '-') {
                int code;
                try {
                    code = Integer.parseInt(line.substring(0, 3));
                } catch (NumberFormatException e) {
                    throw new IOException("the SMTP server answered \"" + line + "\"");
                }
                return new Reply(code, text.toString().strip());
            }
        }
    }

    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = read(); b != '\n'; b = read()) {
            if (b < 0) {
                throw new IOException("the SMTP server closed the connection");
            }
            if (b != '\r') {
                line.append((char) b);
            }
            if (line.length() > 4096) {
                throw new IOException("the SMTP server sent an overlong line");
            }
        }
        return line.toString();
    }

    private int read() throws IOException {
        try {
            return in.read();
        } catch (SocketTimeoutException e) {
            throw new IOException("the SMTP server did not answer within " + settings.timeout(), e);
        }
    }
}
