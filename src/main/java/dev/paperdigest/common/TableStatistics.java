package dev.paperdigest.common;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.util.Set;

/**
 * Refreshes PostgreSQL's statistics of a table that has just grown fast. A digest run adds up to
 * a million deliveries in minutes; until autovacuum's next analyze (never, where it is switched
 * off) PostgreSQL plans the senders' claims as if the outbox were nearly empty, and scans all of
 * it for every batch. H2 needs nothing of the kind.
 */
@ApplicationScoped
public class TableStatistics {

    private static final Set<String> TABLES = Set.of("delivery");

    private final EntityManager em;
    private final boolean postgres;

    public TableStatistics(EntityManager em, Database database) {
        this.em = em;
        this.postgres = database.isPostgres();
    }

    public void refresh(String table) {
        if (!TABLES.contains(table)) {
            throw new IllegalArgumentException("no statistics kept for " + table);
        }
        if (postgres) {
            QuarkusTransaction.requiringNew()
                    .run(() -> em.createNativeQuery("ANALYZE " + table).executeUpdate());
        }
    }
}
