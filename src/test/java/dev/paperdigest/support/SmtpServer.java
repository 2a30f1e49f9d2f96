package dev.paperdigest.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * A real SMTP server (GreenMail) for the whole suite, on a free port; the Quarkus mailer talks
 * SMTP to it exactly as it would to a production relay.
 */
public class SmtpServer implements QuarkusTestResourceLifecycleManager {

    private static GreenMail greenMail;
    private static int port;

    public static GreenMail greenMail() {
        return greenMail;
    }

    /** Stops the server, as an SMTP relay going down would. */
    public static void down() {
        greenMail.stop();
    }

    /** Starts it again on the same port, with an empty mailbox. */
    public static void up() {
        greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
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
        if (greenMail != null) {
            greenMail.stop();
        }
    }
}
