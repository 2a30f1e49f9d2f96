package dev.paperdigest.digests.smtp;

import java.io.IOException;

/** The SMTP server answered, with an error: {@code code} is its reply code (4xx: try later, 5xx: never). */
public class SmtpRefusedException extends IOException {

    private final int code;

    public SmtpRefusedException(int code, String reply, String command) {
        super(command + " refused: " + reply);
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** A 5xx reply: this message will never be accepted as it is. */
    public boolean permanent() {
        return code >= 500;
    }
}
