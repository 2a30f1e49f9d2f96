package dev.paperdigest.common;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.util.Set;

/**
 * Refreshes PostgreSQL's statistics of a table that has just grown fast. A digest run adds up to
 * a million deliveries in minutes, a bulk import as many subscribers; until autovacuum's next
 * analyze (never, where it is switched off) PostgreSQL plans the queries on them as if the table
 * were nearly empty (the senders' claims, the import's lookup of the addresses it already has),
 * and scans all of it for every batch. H2 needs nothing of the kind.
 */
@ApplicationScoped
public class TableStatistics {

    private static final Set<String> TABLES = Set.of("delivery", "subscriber", "subscription");

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
            PatientTransactions.run(
                    "analysing " + table,
                    () -> em.createNativeQuery("ANALYZE " + table).executeUpdate());
        }
    }
}
