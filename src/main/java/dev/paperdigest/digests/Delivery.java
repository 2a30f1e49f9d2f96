package dev.paperdigest.digests;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;

import java.time.Instant;
import java.util.List;

/** The outbox: one digest for one subscriber and one period, ever (a unique key says so). */
@Entity
public class Delivery extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "delivery_seq")
    @SequenceGenerator(name = "delivery_seq", sequenceName = "delivery_seq", allocationSize = 50)
    public Long id;
    @Column(name = "subscriber_id")
    public Long subscriberId;
    /** {@code 2026-11-28} for a daily digest, {@code 2026-W48} for a weekly one. */
    public String period;
    @Enumerated(EnumType.STRING)
    public DeliveryStatus status;
    public Long digestRunId;
    public int paperCount;
    public int attempts;
    public String lastError;
    /** Derived from subscriber and period, so a resend is recognisable as the same message. */
    public String messageId;
    public Instant createdAt;
    public Instant nextAttemptAt;
    public Instant claimedAt;
    public Instant sentAt;

    public static boolean exists(long subscriberId, String period) {
        return count("subscriberId = ?1 and period = ?2", subscriberId, period) > 0;
    }

    public static List<Long> listDueIds(Instant now, int limit) {
        return getEntityManager().createQuery(
                        "select d.id from Delivery d where d.status = ?1 and d.nextAttemptAt <= ?2 order by d.id", Long.class)
                .setParameter(1, DeliveryStatus.QUEUED).setParameter(2, now)
                .setMaxResults(limit).getResultList();
    }

    /** Moves a queued delivery to SENDING; false when another sender got there first. */
    public static boolean claim(long id, Instant now) {
        return update("status = ?1, claimedAt = ?2 where id = ?3 and status = ?4",
                DeliveryStatus.SENDING, now, id, DeliveryStatus.QUEUED) == 1;
    }

    /** Claims left by a sender that died: queue them again. */
    public static int requeueAbandoned(Instant claimedBefore) {
        return update("status = ?1 where status = ?2 and claimedAt < ?3",
                DeliveryStatus.QUEUED, DeliveryStatus.SENDING, claimedBefore);
    }

    public static long countOfRun(long runId, DeliveryStatus status) {
        return count("digestRunId = ?1 and status = ?2", runId, status);
    }
}
