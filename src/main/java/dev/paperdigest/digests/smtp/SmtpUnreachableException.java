package dev.paperdigest.digests.smtp;

import java.io.IOException;

/**
 * No connection to the SMTP server could be made (refused, no route, unknown host, no answer to
 * the connection): nothing was said to it, and no message is at fault.
 */
public class SmtpUnreachableException extends IOException {

    public SmtpUnreachableException(String server, IOException cause) {
        super("cannot connect to the SMTP server " + server + ": " + cause.getMessage(), cause);
    }
}
