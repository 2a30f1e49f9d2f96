package dev.paperdigest.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * An SMTP server that answers as scripted, for what GreenMail cannot do: refuse chosen recipients.
 * It speaks what the digest sender needs (EHLO, MAIL, RCPT, DATA, RSET, NOOP, QUIT), answers the
 * RCPT TO of a scripted address and the end of a message to one with the reply scripted for it
 * (a whole reply line, such as {@code 550 5.1.1 user unknown}), accepts everything else, and keeps
 * the recipients it was asked for and those of the messages it accepted. Started by
 * {@link SmtpServer#scripted}.
 */
public final class ScriptedRelay implements AutoCloseable {

    private static final Pattern ADDRESS = Pattern.compile("<([^>]*)>");

    private final Map<String, String> recipientReplies;
    private final Map<String, String> messageReplies;
    private final ServerSocket socket;
    private final List<Socket> connections = new CopyOnWriteArrayList<>();
    private final List<String> asked = new CopyOnWriteArrayList<>();
    private final List<String> accepted = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    /** Replies by address (any case): to its RCPT TO, and to a message for it once sent. */
    ScriptedRelay(int port, Map<String, String> recipientReplies, Map<String, String> messageReplies) {
        this.recipientReplies = lowerCaseKeys(recipientReplies);
        this.messageReplies = lowerCaseKeys(messageReplies);
        try {
            socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("127.0.0.1", port));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        acceptor = new Thread(this::accept, "scripted-smtp-relay");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** How many times a RCPT TO named the address. */
    public long timesAskedFor(String address) {
        return asked.stream().filter(address::equalsIgnoreCase).count();
    }

    /** How many messages to the address were accepted. */
    public long acceptedFor(String address) {
        return accepted.stream().filter(address::equalsIgnoreCase).count();
    }

    @Override
    public void close() {
        try {
            socket.close();
            acceptor.join(2000);
            for (Socket s : connections) {
                s.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket connection = socket.accept();
                connections.add(connection);
                Thread conversation = new Thread(() -> converse(connection), "scripted-smtp-session");
                conversation.setDaemon(true);
                conversation.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void converse(Socket connection) {
        try (connection) {
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(connection.getInputStream(), StandardCharsets.ISO_8859_1));
            OutputStream out = connection.getOutputStream();
            reply(out, "220 scripted.test ESMTP");
            String recipient = null;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String verb = line.length() < 4 ? line : line.substring(0, 4).toUpperCase(Locale.ROOT);
                switch (verb) {
                    case "EHLO" -> reply(out, "250-scripted.test\r\n250 8BITMIME");
                    case "HELO", "NOOP" -> reply(out, "250 OK");
                    case "MAIL", "RSET" -> {
                        recipient = null;
                        reply(out, "250 OK");
                    }
                    case "RCPT" -> {
                        String address = address(line);
                        asked.add(address);
                        String scripted = recipientReplies.get(address.toLowerCase(Locale.ROOT));
                        if (scripted == null) {
                            recipient = address;
                        }
                        reply(out, scripted == null ? "250 OK" : scripted);
                    }
                    case "DATA" -> {
                        if (recipient == null) {
                            reply(out, "503 5.5.1 no valid recipient");
                            continue;
                        }
                        reply(out, "354 end with <CRLF>.<CRLF>");
                        for (String body = in.readLine(); body != null && !body.equals("."); body = in.readLine()) {
                            // the message is not kept
                        }
                        String scripted = messageReplies.get(recipient.toLowerCase(Locale.ROOT));
                        if (scripted == null) {
                            accepted.add(recipient);
                        }
                        reply(out, scripted == null ? "250 OK queued" : scripted);
                        recipient = null;
                    }
                    case "QUIT" -> {
                        reply(out, "221 bye");
                        return;
                    }
                    default -> reply(out, "502 5.5.2 not understood");
                }
            }
        } catch (IOException closed) {
            // the client or close() ended the conversation
        }
    }

    private static String address(String line) {
        Matcher m = ADDRESS.matcher(line);
        return m.find() ? m.group(1) : "";
    }

    private static void reply(OutputStream out, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static Map<String, String> lowerCaseKeys(Map<String, String> replies) {
        return replies.entrySet().stream()
                .collect(Collectors.toMap(e -> e.getKey().toLowerCase(Locale.ROOT), Map.Entry::getValue));
    }
}
