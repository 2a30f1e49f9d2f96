package dev.paperdigest.digests.smtp;

import dev.paperdigest.common.PublicLinks;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;

/**
 * Where digests go: sessions with the SMTP server of {@link SmtpSettings}, one per sending thread,
 * or, with {@code quarkus.mailer.mock}, sessions that only log what they would send.
 */
@ApplicationScoped
public class SmtpRelay {

    private static final Logger LOG = Logger.getLogger(SmtpRelay.class);

    /** One thread's conversation with the server, for as many messages as it has. */
    public interface Session extends Closeable {
        /** Sends a message; {@link SmtpRefusedException} when the server answers with an error. */
        void send(String sender, String recipient, byte[] message) throws IOException;

        /** Whether messages may carry 8-bit text (the server offers 8BITMIME). */
        boolean eightBitMime() throws IOException;

        @Override
        void close();
    }

    private final SmtpSettings settings;
    private final String heloName;

    public SmtpRelay(Config config, PublicLinks links) {
        this.settings = SmtpSettings.from(config);
        this.heloName = links.host();
    }

    public Session open() throws IOException {
        if (settings.mock()) {
            return new Session() {
                @Override
                public void send(String sender, String recipient, byte[] message) {
                    LOG.infof("not sent (quarkus.mailer.mock): a digest of %d bytes to %s", message.length, recipient);
                }

                @Override
                public boolean eightBitMime() {
                    return true;
                }

                @Override
                public void close() {}
            };
        }
        return new Connected(SmtpConnection.open(settings, heloName));
    }

    /** Whether digests are only logged ({@code quarkus.mailer.mock}). */
    public boolean mock() {
        return settings.mock();
    }

    /** {@code host:port} of the SMTP server. */
    public String server() {
        return settings.host() + ":" + settings.port();
    }

    /**
     * Opens a session as sending does (greeting, EHLO, STARTTLS, login), each step given
     * {@code timeout}, and closes it: whether digests could go out now.
     */
    public void probe(Duration timeout) throws IOException {
        SmtpConnection.open(settings.withTimeout(timeout), heloName).close();
    }

    /** The longest one send can wait on the server: every step of a conversation given its timeout. */
    public Duration longestWait() {
        return settings.timeout().multipliedBy(10);
    }

    /**
     * A session that, before using a connection that sat idle, checks it is still open: servers
     * drop idle sessions, and finding that out on a message would leave it unclear whether it went.
     */
    private final class Connected implements Session {
        private static final long IDLE_NANOS = Duration.ofSeconds(10).toNanos();
        private SmtpConnection connection;
        private long lastUsed = System.nanoTime();

        Connected(SmtpConnection connection) {
            this.connection = connection;
        }

        @Override
        public void send(String sender, String recipient, byte[] message) throws IOException {
            if (connection == null) {
                connection = SmtpConnection.open(settings, heloName);
            } else if (System.nanoTime() - lastUsed > IDLE_NANOS && !connection.isAlive()) {
                drop();
                connection = SmtpConnection.open(settings, heloName);
            }
            lastUsed = System.nanoTime();
            try {
                connection.send(sender, recipient, message);
            } catch (SmtpRefusedException refused) {
                try {
                    connection.reset(); // the conversation goes on with the next message
                } catch (IOException broken) {
                    drop();
                }
                throw refused;
            } catch (IOException e) {
                drop(); // in an unknown state: the next message gets a new connection
                throw e;
            }
        }

        @Override
        public boolean eightBitMime() throws IOException {
            if (connection == null) {
                connection = SmtpConnection.open(settings, heloName);
            }
            return connection.eightBitMime();
        }

        private void drop() {
            if (connection != null) {
                connection.close();
                connection = null;
            }
        }

        @Override
        public void close() {
            drop();
        }
    }
}
