package dev.paperdigest.digests;

import dev.paperdigest.common.IdParameters;
import dev.paperdigest.common.JobLease;
import dev.paperdigest.common.PatientTransactions;
import dev.paperdigest.common.RelaxedCommit;
import dev.paperdigest.common.RunLogContext;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Records the digests the SMTP server accepted as SENT, in a thread of its own, as many marks to
 * a transaction as are waiting when the last one ends (a transaction costs far more than a row).
 * A sender waits for its last digest's mark before it hands the server the next one, so a crash
 * sends again at most the digest each connection had in flight.
 */
final class SentMarks {

    private static final Logger LOG = Logger.getLogger(SentMarks.class);
    static final int MARKS_PER_TRANSACTION = 500;

    private record Mark(long deliveryId, CompletableFuture<Void> written) {}

    private final RelaxedCommit relaxedCommit;
    private final DataSource dataSource;
    private final Clock clock;
    private final LinkedBlockingQueue<Mark> pending = new LinkedBlockingQueue<>();
    private final CompletableFuture<Void> recorder;
    private volatile boolean sendersDone;

    SentMarks(RelaxedCommit relaxedCommit, DataSource dataSource, Clock clock, Executor executor) {
        this.relaxedCommit = relaxedCommit;
        this.dataSource = dataSource;
        this.clock = clock;
        this.recorder = CompletableFuture.runAsync(RunLogContext.carried(this::record), executor);
    }

    /** Completes once the mark is written, or given up (logged: that digest will be sent again). */
    CompletableFuture<Void> add(long deliveryId) {
        Mark mark = new Mark(deliveryId, new CompletableFuture<>());
        pending.add(mark);
        return mark.written();
    }

    /** Once the senders are done: records what is left and returns when it is written. */
    void finish() {
        sendersDone = true;
        recorder.join();
    }

    private void record() {
        List<Mark> marks = new ArrayList<>();
        try {
            while (!(sendersDone && pending.isEmpty())) {
                Mark first = pending.poll(50, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                marks.clear();
                marks.add(first);
                pending.drainTo(marks, MARKS_PER_TRANSACTION - 1);
                markSent(marks.stream().map(Mark::deliveryId).toList());
                marks.forEach(mark -> mark.written().complete(null));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.errorf("%d sent digests were not marked sent (interrupted); they will be sent again", pending.size());
        } finally {
            marks.forEach(mark -> mark.written().complete(null));
            pending.forEach(mark -> mark.written().complete(null));
        }
    }

    /** The database may be restarting: a mark waits for it, since a lost one means a second email. */
    private void markSent(List<Long> ids) {
        try {
            PatientTransactions.run("marking " + ids.size() + " digests sent", () -> {
                relaxedCommit.forThisTransaction();
                write(ids, clock.instant());
            });
        } catch (RuntimeException e) {
            LOG.errorf(e, "%d sent digests could not be marked sent; they will be sent again", ids.size());
        }
    }

    /**
     * Marks sent what this process still holds (a claim taken back as abandoned is not its to mark).
     * In plain JDBC, in the transaction's own connection: a mark is written for every few digests
     * sent, and an ORM session cost more than the statement.
     */
    private void write(List<Long> ids, Instant now) {
        String sql = "UPDATE delivery SET status = 'SENT', sent_at = ?, attempts = attempts + 1, last_error = NULL "
                + "WHERE claimed_by = ? AND id IN (" + IdParameters.placeholders(ids.size()) + ")";
        try (Connection db = dataSource.getConnection();
                PreparedStatement update = db.prepareStatement(sql)) {
            update.setObject(1, now.atOffset(ZoneOffset.UTC));
            update.setString(2, JobLease.OWNER);
            IdParameters.bind(update, 3, ids);
            update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("digests not marked sent: " + e.getMessage(), e);
        }
    }
}
