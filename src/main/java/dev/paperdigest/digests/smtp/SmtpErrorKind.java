package dev.paperdigest.digests.smtp;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.Locale;

/** What went wrong when a message was handed to the SMTP server, in a few kinds fit for a metric's tag. */
public enum SmtpErrorKind {
    /** The server answered with a transient error (try later). */
    REFUSED_4XX,
    /** The server answered with a permanent error. */
    REFUSED_5XX,
    /** The server did not answer in time (quarkus.mailer.timeout). */
    TIMEOUT,
    /** No conversation: the connection was refused or broke, or TLS failed. */
    UNREACHABLE;

    public static SmtpErrorKind of(IOException e) {
        if (e instanceof SmtpRefusedException refused) {
            return refused.permanent() ? REFUSED_5XX : REFUSED_4XX;
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SocketTimeoutException) {
                return TIMEOUT;
            }
        }
        return UNREACHABLE;
    }

    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
