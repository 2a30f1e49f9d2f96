package dev.paperdigest.digests.smtp;

import org.eclipse.microprofile.config.Config;

import java.time.Duration;
import java.util.Optional;

/**
 * The SMTP server digests go to, read from the same {@code quarkus.mailer.*} keys the Quarkus
 * mailer reads for the other emails, so an operator configures SMTP once: {@code mock},
 * {@code host}, {@code port}, {@code tls}, {@code start-tls}, {@code username}, {@code password},
 * {@code trust-all}, {@code timeout}.
 *
 * @param startTls {@code DISABLED}, {@code OPTIONAL} (when the server offers it) or {@code REQUIRED}
 * @param trustAll accept any server certificate: for tests against a server with a self-signed one
 * @param timeout  how long one step of the SMTP conversation may wait for the server
 */
public record SmtpSettings(
        boolean mock,
        String host,
        int port,
        boolean tls,
        String startTls,
        Optional<String> username,
        Optional<String> password,
        boolean trustAll,
        Duration timeout) {

    /** The same server, with another patience. */
    public SmtpSettings withTimeout(Duration other) {
        return new SmtpSettings(mock, host, port, tls, startTls, username, password, trustAll, other);
    }

    public static SmtpSettings from(Config config) {
        boolean tls =
                config.getOptionalValue("quarkus.mailer.tls", Boolean.class).orElse(false);
        return new SmtpSettings(
                config.getOptionalValue("quarkus.mailer.mock", Boolean.class).orElse(false),
                config.getOptionalValue("quarkus.mailer.host", String.class).orElse("localhost"),
                config.getOptionalValue("quarkus.mailer.port", Integer.class).orElse(tls ? 465 : 25),
                tls,
                config.getOptionalValue("quarkus.mailer.start-tls", String.class)
                        .orElse("OPTIONAL"),
                config.getOptionalValue("quarkus.mailer.username", String.class),
                config.getOptionalValue("quarkus.mailer.password", String.class),
                config.getOptionalValue("quarkus.mailer.trust-all", Boolean.class)
                        .orElse(false),
                config.getOptionalValue("quarkus.mailer.timeout", Duration.class)
                        .orElse(Duration.ofSeconds(60)));
    }
}
