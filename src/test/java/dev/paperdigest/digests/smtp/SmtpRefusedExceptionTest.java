package dev.paperdigest.digests.smtp;

import dev.paperdigest.digests.smtp.SmtpRefusedException.Step;
import dev.paperdigest.support.NoDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which refusals are hard bounces of the recipient's address, and which concern the sender, the session or the message. */
@NoDatabase
class SmtpRefusedExceptionTest {

    @ParameterizedTest(name = "{0} {1} {2}: {3}")
    @CsvSource(delimiter = '|', textBlock = """
            RECIPIENT | 550 | 5.1.1 <a@example.org>: user unknown     | true
            RECIPIENT | 550 | user unknown                            | true
            RECIPIENT | 551 | user not local; please try <b@example.org> | true
            RECIPIENT | 552 | 5.2.2 mailbox full                      | true
            RECIPIENT | 553 | mailbox name not allowed                | true
            RECIPIENT | 554 | 5.1.10 recipient address has null MX    | true
            RECIPIENT | 550 | 5.7.1 relaying denied                   | false
            RECIPIENT | 554 | 5.7.606 banned sending IP               | false
            RECIPIENT | 530 | authentication required                 | false
            RECIPIENT | 450 | 4.2.1 mailbox busy                      | false
            RECIPIENT | 451 | try again later                         | false
            MESSAGE   | 550 | 5.1.1 user unknown                      | true
            MESSAGE   | 550 | 5.2.1 mailbox disabled                  | true
            MESSAGE   | 552 | 5.2.2 mailbox full                      | false
            MESSAGE   | 554 | 5.7.1 message content rejected as spam  | false
            MESSAGE   | 554 | transaction failed                      | false
            MESSAGE   | 451 | 4.1.1 try again                         | false
            SENDER    | 550 | 5.1.0 sender address rejected           | false
            SESSION   | 535 | 5.7.8 authentication failed             | false
            SESSION   | 554 | no SMTP service here                    | false
            """)
    void tellsAHardBounceOfTheRecipientFromOtherRefusals(Step step, int code, String reply, boolean bounce) {
        SmtpRefusedException refused = new SmtpRefusedException(code, reply, "a command", step);
        assertEquals(bounce, refused.rejectsRecipient());
        assertEquals("a command refused: " + code + " " + reply, refused.getMessage());
    }
}
