package dev.paperdigest.common;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * A lease on a named job, held in the database so that one job (an ingestion source, a digest
 * run) never runs twice at once, whether in one process or across replicas. A holder that dies
 * loses its lease when its heartbeat stops ({@link ProcessHeartbeat}), or at the latest when the
 * lease runs out.
 */
@ApplicationScoped
public class JobLease {

    /** Identifies this process among replicas. */
    public static final String OWNER = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();

    private final EntityManager em;
    private final Clock clock;

    public JobLease(EntityManager em, Clock clock) {
        this.em = em;
        this.clock = clock;
    }

    /**
     * Takes the lease if it is free, expired or held by a process that died; each call runs in a transaction of its own. It is
     * not reentrant: while this process holds it, a second caller here is refused as well.
     */
    public boolean tryAcquire(String job, Duration duration) {
        Instant now = clock.instant();
        boolean taken = QuarkusTransaction.requiringNew()
                .call(() -> em.createNativeQuery(
                                        "UPDATE job_lease SET owner = ?1, leased_until = ?2 WHERE name = ?3 AND (leased_until < ?4 OR "
                                                + ProcessHeartbeat.deadOther("owner", "?1", "?4") + ")")
                                .setParameter(1, OWNER)
                                .setParameter(2, now.plus(duration))
                                .setParameter(3, job)
                                .setParameter(4, now)
                                .executeUpdate()
                        == 1);
        if (taken) {
            return true;
        }
        try {
            QuarkusTransaction.requiringNew()
                    .run(() -> em.createNativeQuery(
                                    "INSERT INTO job_lease (name, owner, leased_until) VALUES (?1, ?2, ?3)")
                            .setParameter(1, job)
                            .setParameter(2, OWNER)
                            .setParameter(3, now.plus(duration))
                            .executeUpdate());
            return true;
        } catch (RuntimeException heldOrRaced) {
            return false; // the row exists: someone else holds the lease, or inserted it first
        }
    }

    /** Extends a lease this process holds, for long runs; false if it was lost. */
    public boolean renew(String job, Duration duration) {
        Instant until = clock.instant().plus(duration);
        return QuarkusTransaction.requiringNew()
                .call(() ->
                        em.createNativeQuery("UPDATE job_lease SET leased_until = ?1 WHERE name = ?2 AND owner = ?3")
                                        .setParameter(1, until)
                                        .setParameter(2, job)
                                        .setParameter(3, OWNER)
                                        .executeUpdate()
                                == 1);
    }

    /** Gives the lease up; waits for a restarting database, or the next run would wait for the lease to run out. */
    public void release(String job) {
        PatientTransactions.run(
                "releasing the " + job + " lease",
                () -> em.createNativeQuery("UPDATE job_lease SET leased_until = ?1 WHERE name = ?2 AND owner = ?3")
                        .setParameter(1, Instant.EPOCH)
                        .setParameter(2, job)
                        .setParameter(3, OWNER)
                        .executeUpdate());
    }
}
