package dev.paperdigest.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.awaitility.Awaitility.await;

/**
 * A real SMTP server (GreenMail) for the whole suite, on a free port; the Quarkus mailer talks
 * SMTP to it exactly as it would to a production relay.
 */
public class SmtpServer implements QuarkusTestResourceLifecycleManager {

    private static GreenMail greenMail;
    private static int port;
    /** What listens on the port while the server is stopped, if anything. */
    private static AutoCloseable standIn;

    public static GreenMail greenMail() {
        return greenMail;
    }

    /** Stops the server, as an SMTP relay going down would. */
    public static void down() {
        greenMail.stop();
    }

    /**
     * Stops the server and listens on its port without ever answering, as a stalled relay does:
     * connections are accepted and then left waiting for the greeting.
     */
    public static void silent() {
        greenMail.stop();
        standIn = new SilentRelay(port);
    }

    /**
     * Stops the server and answers on its port as scripted ({@link ScriptedRelay}): the reply to
     * the RCPT TO of each address in {@code recipientReplies}, to a message for each address in
     * {@code messageReplies}; everything else is accepted (and not delivered anywhere).
     */
    public static ScriptedRelay scripted(Map<String, String> recipientReplies, Map<String, String> messageReplies) {
        greenMail.stop();
        ScriptedRelay relay = new ScriptedRelay(port, recipientReplies, messageReplies);
        standIn = relay;
        return relay;
    }

    /** Starts it again on the same port, with an empty mailbox. */
    public static void up() {
        closeStandIn();
        // the port may take a moment to come free (connections to the stand-in closing)
        greenMail = await("the SMTP server to start again on port " + port)
                .atMost(Duration.ofSeconds(5))
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(250))
                .until(SmtpServer::startOnPort, Objects::nonNull);
    }

    /** A started server on the suite's port, or null while the port is not free yet. */
    private static GreenMail startOnPort() {
        GreenMail server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        try {
            server.start();
            return server;
        } catch (IllegalStateException portTaken) {
            server.stop();
            return null;
        }
    }

    @Override
    public Map<String, String> start() {
        ServerSetup setup = ServerSetupTest.SMTP.dynamicPort();
        greenMail = new GreenMail(setup);
        greenMail.start();
        port = greenMail.getSmtp().getPort();
        return Map.of(
                "quarkus.mailer.mock", "false",
                "quarkus.mailer.host", "127.0.0.1",
                "quarkus.mailer.port", Integer.toString(port),
                "quarkus.mailer.start-tls", "DISABLED",
                "quarkus.mailer.tls", "false");
    }

    @Override
    public void stop() {
        closeStandIn();
        if (greenMail != null) {
            greenMail.stop();
        }
    }

    private static void closeStandIn() {
        if (standIn != null) {
            try {
                standIn.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            standIn = null;
        }
    }

    private static final class SilentRelay implements AutoCloseable {
        private final ServerSocket socket;
        private final List<Socket> accepted = new CopyOnWriteArrayList<>();
        private final Thread acceptor;

        SilentRelay(int port) {
            try {
                socket = new ServerSocket();
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress("127.0.0.1", port));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            acceptor = new Thread(
                    () -> {
                        while (!socket.isClosed()) {
                            try {
                                accepted.add(socket.accept());
                            } catch (IOException closed) {
                                return;
                            }
                        }
                    },
                    "silent-smtp-relay");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        @Override
        public void close() {
            try {
                socket.close();
                acceptor.join(2000); // a connection accepted just before the close is in the list too
                for (Socket s : accepted) {
                    s.close();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
