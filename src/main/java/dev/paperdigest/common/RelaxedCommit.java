package dev.paperdigest.common;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * For the outbox's bookkeeping (claims, SENT marks), thousands of small commits a minute: on
 * PostgreSQL such a transaction may commit without waiting for its log to reach disk
 * ({@code synchronous_commit = off}). A crash of the service loses nothing by it; a crash of the
 * database server itself may lose the last fraction of a second of marks, and those digests
 * would be sent again, recognisable by their Message-ID. H2 has no such setting.
 */
@ApplicationScoped
public class RelaxedCommit {

    private final EntityManager em;
    private final boolean postgres;

    public RelaxedCommit(EntityManager em, Database database) {
        this.em = em;
        this.postgres = database.isPostgres();
    }

    /** Call inside the transaction it is for. */
    public void forThisTransaction() {
        if (postgres) {
            em.createNativeQuery("SET LOCAL synchronous_commit TO OFF").executeUpdate();
        }
    }
}
