package dev.paperdigest.common;

import dev.paperdigest.support.NoDatabase;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What the start-up line says of a database it cannot reach; UnreachableDatabaseTest shows it on the packaged service. */
@NoDatabase
class DatabaseReachableTest {

    private static final Duration PATIENCE = Duration.ofSeconds(5);

    @Test
    void aPasswordInTheUrlIsMasked() {
        assertEquals(
                "jdbc:postgresql://db.example.org:5432/digest?user=pd&password=***&ssl=true",
                DatabaseReachable.withoutPassword(
                        "jdbc:postgresql://db.example.org:5432/digest?user=pd&password=s3cret&ssl=true"));
        assertEquals(
                "jdbc:h2:tcp://db.example.org/digest;USER=sa;PASSWORD=***",
                DatabaseReachable.withoutPassword("jdbc:h2:tcp://db.example.org/digest;USER=sa;PASSWORD=s3cret"));
        assertEquals(
                "jdbc:postgresql://pd:***@db.example.org/digest",
                DatabaseReachable.withoutPassword("jdbc:postgresql://pd:s3cret@db.example.org/digest"));
        assertEquals(
                "jdbc:postgresql://db.example.org:5432/digest",
                DatabaseReachable.withoutPassword("jdbc:postgresql://db.example.org:5432/digest"));
    }

    @Test
    void theReasonIsWhatTheInnermostCauseSays() {
        assertEquals(
                "Connection refused",
                DatabaseReachable.reason(
                        new SQLException(
                                "Connection to 127.0.0.1:1 refused.", new ConnectException("Connection refused")),
                        PATIENCE));
        assertEquals(
                "unknown host db.invalid",
                DatabaseReachable.reason(
                        new SQLException("The connection attempt failed.", new UnknownHostException("db.invalid")),
                        PATIENCE));
        assertEquals(
                "FATAL: password authentication failed for user \"pd\"",
                DatabaseReachable.reason(
                        new SQLException("FATAL: password authentication failed for user \"pd\"."), PATIENCE));
        assertEquals(
                "no answer within 5 s",
                DatabaseReachable.reason(
                        new SQLException("Sorry, acquisition timeout!", new TimeoutException()), PATIENCE));
    }
}
