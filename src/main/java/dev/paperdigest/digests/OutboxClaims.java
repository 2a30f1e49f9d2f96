package dev.paperdigest.digests;

import dev.paperdigest.common.Database;
import dev.paperdigest.common.IdParameters;
import dev.paperdigest.common.JobLease;
import dev.paperdigest.common.PatientTransactions;
import dev.paperdigest.common.RelaxedCommit;
import dev.paperdigest.papers.Paper;
import dev.paperdigest.subscriptions.SubscriberStatus;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One drain's claims on the outbox: batch after batch of due deliveries (QUEUED → SENDING), each
 * with its subscriber, and the papers their digests show, loaded once for the whole drain.
 */
final class OutboxClaims {

    /** Before any delivery's next attempt. */
    static final Instant START = Instant.parse("2000-01-01T00:00:00Z");
    /** Papers kept in memory by one drain for composing; more than any drain needs in practice. */
    static final int PAPERS_KEPT = 50_000;

    /** A claimed delivery with what composing it needs. */
    record Claimed(
            long id,
            String period,
            String messageId,
            String selection,
            long subscriberId,
            boolean subscriberActive,
            Addressee to) {}

    private final int batchSize;
    private final boolean postgres;
    private final RelaxedCommit relaxedCommit;
    private final DataSource dataSource;
    private final Clock clock;
    private final Map<Long, Paper> papers = new ConcurrentHashMap<>();
    /** Where the last claimed batch ended, in the order deliveries are claimed (callers serialise claims). */
    private Instant cursorAt = START;

    private long cursorId;

    OutboxClaims(int batchSize, Database database, RelaxedCommit relaxedCommit, DataSource dataSource, Clock clock) {
        this.batchSize = batchSize;
        this.postgres = database.isPostgres();
        this.relaxedCommit = relaxedCommit;
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /**
     * Claims the next batch after where the last one ended; when nothing is left after it, looks
     * once more from the start (deliveries given back or retried behind the position).
     */
    List<Claimed> nextBatch() {
        List<Claimed> batch = claimAfter(cursorAt, cursorId);
        if (batch.isEmpty() && cursorId != 0) {
            cursorAt = START;
            cursorId = 0;
            batch = claimAfter(START, 0);
        }
        return batch;
    }

    /** The papers a selection shows, from those loaded with the claims (loaded now if they were let go since). */
    Map<Long, Paper> papersOf(Selection selection) {
        List<Long> missing = selection.paperIds().stream()
                .filter(id -> !papers.containsKey(id))
                .toList();
        if (!missing.isEmpty()) {
            PatientTransactions.run(
                    "loading a digest's papers", () -> Paper.listByIds(missing).forEach(p -> papers.put(p.id, p)));
        }
        return papers;
    }

    /** Gives claimed deliveries back untried. */
    static void release(List<Long> ids) {
        if (!ids.isEmpty()) {
            PatientTransactions.run("giving back " + ids.size() + " claimed deliveries", () -> Delivery.release(ids));
        }
    }

    private List<Claimed> claimAfter(Instant afterAt, long afterId) {
        Instant now = clock.instant();
        return PatientTransactions.call("claiming deliveries to send", () -> {
            relaxedCommit.forThisTransaction();
            // plain JDBC in the transaction's own connection: a claim is three statements, and
            // loading 200 deliveries and their subscribers as entities cost more than all of them
            try (Connection db = dataSource.getConnection()) {
                List<Long> ids = postgres ? lockDue(db, now, afterAt, afterId) : lockDueOnH2(db, now, afterAt, afterId);
                if (ids.isEmpty()) {
                    return List.<Claimed>of();
                }
                markSending(db, ids, now);
                List<Claimed> batch = read(db, ids);
                Set<Long> wanted = new HashSet<>();
                for (Claimed claimed : batch) {
                    try {
                        wanted.addAll(Selection.decode(claimed.selection()).paperIds());
                    } catch (IllegalArgumentException unreadable) {
                        // reported when it is composed
                    }
                }
                loadPapers(wanted);
                return batch;
            } catch (SQLException e) {
                throw new IllegalStateException("deliveries not claimed: " + e.getMessage(), e);
            }
        });
    }

    /**
     * Locks up to a batch of due deliveries for this transaction, skipping those another sender
     * has locked (replicas claim side by side), oldest due first.
     */
    private List<Long> lockDue(Connection db, Instant now, Instant afterAt, long afterId) throws SQLException {
        return selectDue(
                db,
                now,
                afterAt,
                afterId,
                "ORDER BY next_attempt_at, id FETCH FIRST " + batchSize + " ROWS ONLY FOR UPDATE SKIP LOCKED");
    }

    /**
     * The same on H2, in two statements. H2 locks every row a {@code FOR UPDATE} query reads before
     * it sorts them and cuts them to a batch, so one statement locked the whole outbox (80,000 rows
     * in a run for 100,000), and the next commit wrote all of it to the file again. First the next
     * batch without locks, in the order of the index (H2 sorts by an index only when the ORDER BY
     * names its leading column too), then a lock on those of them still queued and not held by
     * another transaction. Another process cannot claim in between: H2 is embedded, and the
     * senders of this one claim one after another.
     */
    private List<Long> lockDueOnH2(Connection db, Instant now, Instant afterAt, long afterId) throws SQLException {
        List<Long> candidates = selectDue(
                db,
                now,
                afterAt,
                afterId,
                "ORDER BY status, next_attempt_at, id FETCH FIRST " + batchSize + " ROWS ONLY");
        if (candidates.isEmpty()) {
            return candidates;
        }
        Set<Long> locked = new HashSet<>();
        try (PreparedStatement lock = db.prepareStatement("SELECT id FROM delivery WHERE id IN ("
                + IdParameters.placeholders(candidates.size()) + ") AND status = 'QUEUED' FOR UPDATE SKIP LOCKED")) {
            IdParameters.bind(lock, 1, candidates);
            try (ResultSet rows = lock.executeQuery()) {
                while (rows.next()) {
                    locked.add(rows.getLong(1));
                }
            }
        }
        // in the order they are due, like the batch PostgreSQL returns
        return candidates.stream().filter(locked::contains).toList();
    }

    /**
     * The ids of due deliveries after the position where this drain's last batch ended, ordered,
     * cut and locked as {@code orderAndLimit} says, and moves the position to the end of them.
     * Starting after it, a scan does not walk again over the index entries of every delivery
     * claimed so far, which stay until PostgreSQL vacuums them (a million in a large run).
     */
    private List<Long> selectDue(Connection db, Instant now, Instant afterAt, long afterId, String orderAndLimit)
            throws SQLException {
        try (PreparedStatement select = db.prepareStatement("SELECT id, next_attempt_at FROM delivery "
                + "WHERE status = 'QUEUED' AND next_attempt_at <= ? "
                // a row comparison, which PostgreSQL starts the index scan from (an OR it would only filter by)
                + "AND (next_attempt_at, id) > (?, ?) " + orderAndLimit)) {
            select.setObject(1, now.atOffset(ZoneOffset.UTC));
            select.setObject(2, afterAt.atOffset(ZoneOffset.UTC));
            select.setLong(3, afterId);
            List<Long> ids = new ArrayList<>(batchSize);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getLong(1));
                    cursorAt = rows.getObject(2, OffsetDateTime.class).toInstant();
                    cursorId = rows.getLong(1);
                }
            }
            return ids;
        }
    }

    /**
     * Moves the locked deliveries to SENDING for this process. By id alone: the lock guarantees
     * they are still queued, and a status condition lets PostgreSQL, whose statistics lag behind
     * an outbox that grew by a million rows in minutes, scan every queued entry of the status
     * index instead of 200 primary keys.
     */
    private static void markSending(Connection db, List<Long> ids, Instant now) throws SQLException {
        try (PreparedStatement update = db.prepareStatement(
                "UPDATE delivery SET status = 'SENDING', claimed_at = ?, claimed_by = ? WHERE id IN ("
                        + IdParameters.placeholders(ids.size()) + ")")) {
            update.setObject(1, now.atOffset(ZoneOffset.UTC));
            update.setString(2, JobLease.OWNER);
            IdParameters.bind(update, 3, ids);
            update.executeUpdate();
        }
    }

    /** The claimed deliveries with their selections and subscribers, in the order they were claimed. */
    private static List<Claimed> read(Connection db, List<Long> ids) throws SQLException {
        Map<Long, Claimed> byId = new HashMap<>();
        try (PreparedStatement select = db.prepareStatement(
                "SELECT d.id, d.period, d.message_id, ds.selection, d.subscriber_id, s.status, s.email, "
                        + "s.public_id, s.token_generation FROM delivery d "
                        + "LEFT JOIN delivery_selection ds ON ds.delivery_id = d.id "
                        + "LEFT JOIN subscriber s ON s.id = d.subscriber_id "
                        + "WHERE d.id IN (" + IdParameters.placeholders(ids.size()) + ")")) {
            IdParameters.bind(select, 1, ids);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    long id = rows.getLong(1);
                    String status = rows.getString(6);
                    byId.put(
                            id,
                            new Claimed(
                                    id,
                                    rows.getString(2),
                                    rows.getString(3),
                                    rows.getString(4),
                                    rows.getLong(5),
                                    SubscriberStatus.ACTIVE.name().equals(status),
                                    new Addressee(rows.getString(7), rows.getString(8), rows.getInt(9))));
                }
            }
        }
        return ids.stream().map(byId::get).toList();
    }

    private void loadPapers(Set<Long> wanted) {
        wanted.removeAll(papers.keySet());
        if (!wanted.isEmpty()) {
            if (papers.size() + wanted.size() > PAPERS_KEPT) {
                papers.clear();
            }
            Paper.listByIds(wanted).forEach(p -> papers.put(p.id, p));
        }
    }
}
