package dev.paperdigest.common;

import jakarta.persistence.PersistenceException;
import org.hibernate.exception.JDBCConnectionException;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.sameInstance;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PatientTransactionsTest {

    private final List<Duration> pauses = new ArrayList<>();

    @Test
    void aRestartingServerIsWaitedForAndTheWorkGoesThroughOnce() {
        AtomicInteger tries = new AtomicInteger();
        Supplier<String> work = () -> {
            if (tries.incrementAndGet() <= 3) {
                throw new PersistenceException(
                        new SQLException("terminating connection due to administrator command", "57P01"));
            }
            return "committed";
        };

        String result = PatientTransactions.retried("marking", work, Duration.ofMinutes(1), pauses::add);

        assertThat(result, equalTo("committed"));
        assertThat(tries.get(), equalTo(4));
        assertThat(pauses, contains(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2)));
    }

    @Test
    void pausesGrowButNeverBeyondTenSeconds() {
        AtomicInteger tries = new AtomicInteger();
        PatientTransactions.retried(
                "claiming",
                () -> {
                    if (tries.incrementAndGet() < 12) {
                        throw new JDBCConnectionException("refused", new SQLException("Connection refused", "08001"));
                    }
                    return null;
                },
                Duration.ofHours(1),
                pauses::add);

        assertThat(pauses.size(), equalTo(11));
        assertThat(pauses, everyItem(lessThanOrEqualTo(PatientTransactions.LONGEST_PAUSE)));
        assertThat(pauses.get(10), equalTo(PatientTransactions.LONGEST_PAUSE));
    }

    @Test
    void aMistakeIsNotTriedAgain() {
        PersistenceException duplicate =
                new PersistenceException(new SQLException("duplicate key value violates unique constraint", "23505"));
        AtomicInteger tries = new AtomicInteger();

        PersistenceException thrown = assertThrows(
                PersistenceException.class,
                () -> PatientTransactions.retried(
                        "inserting",
                        () -> {
                            tries.incrementAndGet();
                            throw duplicate;
                        },
                        Duration.ofMinutes(1),
                        pauses::add));

        assertThat(thrown, sameInstance(duplicate));
        assertThat(tries.get(), equalTo(1));
    }

    @Test
    void patienceRunsOutWithTheLastFailure() {
        RuntimeException away = new RuntimeException(new SQLException("Connection refused", "08001"));

        RuntimeException thrown = assertThrows(
                RuntimeException.class,
                () -> PatientTransactions.retried(
                        "recording",
                        () -> {
                            throw away;
                        },
                        Duration.ZERO,
                        pauses::add));

        assertThat(thrown, sameInstance(away));
    }

    @Test
    void transientFailuresAreTheServerBeingAwayOrAConflict() {
        assertThat(transientState("08006"), equalTo(true)); // connection failure
        assertThat(transientState("57P03"), equalTo(true)); // the server is starting
        assertThat(transientState("40001"), equalTo(true)); // serialization failure
        assertThat(transientState("40P01"), equalTo(true)); // deadlock
        assertThat(transientState("23505"), equalTo(false)); // unique violation
        assertThat(transientState("42P01"), equalTo(false)); // no such table
        assertThat(transientState(null), equalTo(false));
        assertThat(
                PatientTransactions.isTransient(new IllegalStateException(
                        new SQLException("Acquisition timeout while waiting for new connection"))),
                equalTo(true));
        assertThat(PatientTransactions.isTransient(new IllegalStateException("no")), equalTo(false));
        // how a commit fails when the server ends the connection: the reason is suppressed, not the cause
        RuntimeException commitFailed =
                new RuntimeException(new IllegalStateException("Could not commit transaction."));
        commitFailed.getCause().addSuppressed(new javax.transaction.xa.XAException("Error trying to commit"));
        commitFailed
                .getCause()
                .getSuppressed()[0]
                .initCause(new SQLException("FATAL: terminating connection", "57P01"));
        assertThat(PatientTransactions.isTransient(commitFailed), equalTo(true));
    }

    private static boolean transientState(String state) {
        return PatientTransactions.isTransient(new PersistenceException(new SQLException("failed", state)));
    }
}
