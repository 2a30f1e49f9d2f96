package dev.paperdigest.digests;

import dev.paperdigest.common.JobLease;
import dev.paperdigest.common.ProcessHeartbeat;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import org.hibernate.annotations.DynamicUpdate;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * The outbox: one digest for one subscriber and one period, ever (a unique key says so). What it
 * shows was chosen when it was queued and is kept apart ({@link DeliverySelection}), so the rows
 * senders update many times stay narrow.
 */
@Entity
@DynamicUpdate
public class Delivery extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "delivery_seq")
    @SequenceGenerator(name = "delivery_seq", sequenceName = "delivery_seq", allocationSize = 500)
    public Long id;

    @Column(name = "subscriber_id")
    public Long subscriberId;
    /** {@code 2026-11-28} for a daily digest, {@code 2026-W48} for a weekly one. */
    public String period;

    @Enumerated(EnumType.STRING)
    public DeliveryStatus status;

    public Long digestRunId;
    /** Papers shown. */
    public int paperCount;
    /** Papers that matched, shown or not. */
    public int matchedCount;

    public int attempts;
    public String lastError;
    /** Derived from subscriber and period, so a resend is recognisable as the same message. */
    public String messageId;

    public Instant createdAt;
    public Instant nextAttemptAt;
    public Instant claimedAt;
    /** The process whose sender holds the claim. */
    public String claimedBy;

    public Instant sentAt;

    /**
     * A failed attempt: queued again after a pause that doubles with each attempt, or FAILED for an
     * operator once {@code maxAttempts} were made.
     */
    public void retryLater(String error, int maxAttempts, Duration firstPause, Instant now) {
        attempts++;
        lastError = error;
        claimedBy = null;
        if (attempts >= maxAttempts) {
            status = DeliveryStatus.FAILED;
        } else {
            status = DeliveryStatus.QUEUED;
            nextAttemptAt = now.plus(firstPause.multipliedBy(1L << Math.min(10, attempts - 1)));
        }
    }

    /**
     * An attempt that found no SMTP server to connect to: the digest is not at fault, so it is not
     * given up on for it. It waits in the outbox, tried again after a pause that doubles up to
     * {@code longestPause}, so it goes out soon after the server is back; the attempt is counted,
     * but only up to one short of {@code maxAttempts}, which leaves it at least a last try then.
     */
    public void waitForServer(String error, int maxAttempts, Duration firstPause, Duration longestPause, Instant now) {
        attempts = Math.max(attempts, Math.min(attempts + 1, maxAttempts - 1));
        lastError = error;
        claimedBy = null;
        status = DeliveryStatus.QUEUED;
        Duration pause = firstPause.multipliedBy(1L << Math.max(0, Math.min(10, attempts - 1)));
        nextAttemptAt = now.plus(pause.compareTo(longestPause) < 0 ? pause : longestPause);
    }

    /** A failure no retry can mend (the digest cannot be composed, the address bounced): FAILED at once. */
    public void giveUp(String reason) {
        attempts++;
        lastError = reason;
        claimedBy = null;
        status = DeliveryStatus.FAILED;
    }

    /** Of the subscribers with ids from {@code first} to {@code last}, those with a delivery for one of the periods: "subscriberId period" each. */
    public static List<String> existingKeys(long first, long last, Collection<String> periods) {
        return getEntityManager()
                .createQuery(
                        "select d.subscriberId, d.period from Delivery d "
                                + "where d.subscriberId between ?1 and ?2 and d.period in ?3",
                        Object[].class)
                .setParameter(1, first)
                .setParameter(2, last)
                .setParameter(3, periods)
                .getResultStream()
                .map(row -> row[0] + " " + row[1])
                .toList();
    }

    /** Gives claimed deliveries back untried (the sender is stopping). */
    public static int release(Collection<Long> ids) {
        return update(
                "status = ?1, claimedAt = null, claimedBy = null where id in ?2 and status = ?3",
                DeliveryStatus.QUEUED,
                ids,
                DeliveryStatus.SENDING);
    }

    /** Claims left by a sender that died (its process's heartbeat stopped, or it held them too long): queue them again. */
    public static int requeueAbandoned(Instant claimedBefore, Instant now) {
        return getEntityManager()
                .createNativeQuery("UPDATE delivery SET status = 'QUEUED', claimed_by = NULL WHERE status = 'SENDING' "
                        + "AND (claimed_at < ?1 OR " + ProcessHeartbeat.deadOther("claimed_by", "?2", "?3") + ")")
                .setParameter(1, claimedBefore)
                .setParameter(2, JobLease.OWNER)
                .setParameter(3, now)
                .executeUpdate();
    }

    public static boolean anyDue(Instant now) {
        return !getEntityManager()
                .createQuery("select d.id from Delivery d where d.status = ?1 and d.nextAttemptAt <= ?2", Long.class)
                .setParameter(1, DeliveryStatus.QUEUED)
                .setParameter(2, now)
                .setMaxResults(1)
                .getResultList()
                .isEmpty();
    }

    public static long countOfRun(long runId, DeliveryStatus status) {
        return count("digestRunId = ?1 and status = ?2", runId, status);
    }

    /** Deletes up to {@code limit} sent or failed deliveries queued before {@code cutoff} (their selections go with them). */
    static int deleteEndedBefore(Instant cutoff, int limit) {
        return getEntityManager()
                .createNativeQuery("DELETE FROM delivery WHERE id IN (SELECT id FROM delivery "
                        + "WHERE created_at < ?1 AND status IN ('SENT', 'FAILED') ORDER BY created_at LIMIT ?2)")
                .setParameter(1, cutoff)
                .setParameter(2, limit)
                .executeUpdate();
    }
}
