package dev.paperdigest.common;

import io.quarkus.narayana.jta.QuarkusTransaction;
import org.jboss.logging.Logger;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Transactions that wait out a database that restarts or fails over (it answers nothing for a few
 * seconds to a minute) or that aborts them for a conflict, instead of failing: the transaction is
 * tried again, with growing pauses, until it commits, fails for another reason, or {@link
 * #PATIENCE} has passed. For the work a digest run cannot lose without sending a digest twice,
 * losing one, or looking busy for ever. Only for work that may run twice: a commit whose answer
 * was lost with the connection may have happened.
 */
public final class PatientTransactions {

    private static final Logger LOG = Logger.getLogger(PatientTransactions.class);
    /** Longer than a restart or a managed database's failover takes. */
    public static final Duration PATIENCE = Duration.ofMinutes(5);

    static final Duration FIRST_PAUSE = Duration.ofMillis(500);
    static final Duration LONGEST_PAUSE = Duration.ofSeconds(10);

    /** How the wait between two tries is spent; tests pass one that does not sleep. */
    interface Pause {
        void sleep(Duration duration) throws InterruptedException;
    }

    private PatientTransactions() {}

    /** Runs {@code work} in a new transaction, tried again while the database is away. */
    public static <T> T call(String what, Supplier<T> work) {
        return retried(
                what,
                () -> QuarkusTransaction.requiringNew().call(work::get),
                PATIENCE,
                d -> Thread.sleep(d.toMillis()));
    }

    /** Runs {@code work} in a new transaction, tried again while the database is away. */
    public static void run(String what, Runnable work) {
        call(what, () -> {
            work.run();
            return null;
        });
    }

    static <T> T retried(String what, Supplier<T> attempt, Duration patience, Pause pause) {
        long deadline = System.nanoTime() + patience.toNanos();
        Duration wait = FIRST_PAUSE;
        for (int tries = 1; ; tries++) {
            try {
                T result = attempt.get();
                if (tries > 1) {
                    LOG.infof("%s went through at try %d: the database answers again", what, tries);
                }
                return result;
            } catch (RuntimeException e) {
                if (!isTransient(e) || System.nanoTime() + wait.toNanos() > deadline) {
                    throw e;
                }
                LOG.warnf("%s failed (%s); trying again in %d ms", what, innermostMessage(e), wait.toMillis());
                try {
                    pause.sleep(wait);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                wait = wait.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : wait.multipliedBy(2);
            }
        }
    }

    /**
     * Whether trying again later can succeed: the connection failed or the server is shutting down
     * or starting (SQLState classes 08 and 57P), it aborted the transaction for a conflict (class
     * 40: serialization failure, deadlock), or no connection came free in time, whether that is
     * the failure's cause or was suppressed by it.
     */
    public static boolean isTransient(Throwable failure) {
        // a failed commit carries the database's reason as a suppressed exception, not as its cause
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        Deque<Throwable> toLook = new ArrayDeque<>(List.of(failure));
        while (!toLook.isEmpty()) {
            Throwable e = toLook.pop();
            if (seen.put(e, true) != null) {
                continue;
            }
            if (e.getCause() != null) {
                toLook.push(e.getCause());
            }
            toLook.addAll(Arrays.asList(e.getSuppressed()));
            if (e instanceof SQLTransientException || e instanceof SQLRecoverableException) {
                return true;
            }
            if (e instanceof SQLException sql && isTransientState(sql.getSQLState())) {
                return true;
            }
            if (e instanceof SQLException && String.valueOf(e.getMessage()).startsWith("Acquisition timeout")) {
                return true; // the connection pool's own message, without an SQLState
            }
        }
        return false;
    }

    private static boolean isTransientState(String state) {
        return state != null && (state.startsWith("08") || state.startsWith("57P") || state.startsWith("40"));
    }

    private static String innermostMessage(Throwable e) {
        Throwable innermost = e;
        while (innermost.getCause() != null && innermost.getCause() != innermost) {
            innermost = innermost.getCause();
        }
        return innermost.getMessage() == null ? innermost.getClass().getSimpleName() : innermost.getMessage();
    }
}
