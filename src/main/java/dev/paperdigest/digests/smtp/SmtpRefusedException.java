package dev.paperdigest.digests.smtp;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SMTP server answered, with an error: {@code code} is its reply code (4xx: try later, 5xx:
 * never), {@code step} the part of the conversation it refused.
 */
public class SmtpRefusedException extends IOException {

    /** Where in the conversation the server refused. */
    public enum Step {
        /** Greeting, EHLO, STARTTLS, AUTH, RSET, NOOP: the session, not one message. */
        SESSION,
        /** MAIL FROM: the sender. */
        SENDER,
        /** RCPT TO: the recipient. */
        RECIPIENT,
        /** DATA, or the reply to the message once sent. */
        MESSAGE
    }

    /** An RFC 3463 enhanced status code at the start of the reply: class.subject.detail. */
    private static final Pattern ENHANCED = Pattern.compile("^([245])\\.(\\d{1,3})\\.(\\d{1,3})(?:\\s|$)");

    private final int code;
    private final Step step;
    private final String reply;

    public SmtpRefusedException(int code, String reply, String command, Step step) {
        super(command + " refused: " + code + (reply.isEmpty() ? "" : " " + reply));
        this.code = code;
        this.step = step;
        this.reply = reply;
    }

    public int code() {
        return code;
    }

    public Step step() {
        return step;
    }

    /** A 5xx reply: this message will never be accepted as it is. */
    public boolean permanent() {
        return code >= 500;
    }

    /**
     * Whether the server refused the recipient's address for good: a hard bounce. That is any 5xx
     * to RCPT TO (550 user unknown, 551 not local, 552, 553 mailbox name not allowed...), except
     * a 530 or an X.7 (security or policy) status, which says the server refuses us (relaying
     * denied, authentication needed, our address or network blocked): counting that against the
     * subscriber would bounce every subscriber at once after a configuration mistake. After DATA
     * only a reply with an enhanced status naming the address (X.1.x, such as 5.1.1 bad mailbox)
     * or a disabled mailbox (X.2.1) is one; other 5xx there concern the message (its content,
     * its size, a policy). A refused session or sender is never one.
     */
    public boolean rejectsRecipient() {
        if (!permanent()) {
            return false;
        }
        Matcher enhanced = ENHANCED.matcher(reply);
        boolean hasEnhanced = enhanced.find();
        int subject = hasEnhanced ? Integer.parseInt(enhanced.group(2)) : -1;
        int detail = hasEnhanced ? Integer.parseInt(enhanced.group(3)) : -1;
        return switch (step) {
            case RECIPIENT -> code != 530 && subject != 7;
            case MESSAGE -> subject == 1 || (subject == 2 && detail == 1);
            case SESSION, SENDER -> false;
        };
    }
}
