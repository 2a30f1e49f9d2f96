package dev.paperdigest.common;

import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * For the outbox's bookkeeping (claims, SENT marks), thousands of small commits a minute: on
 * PostgreSQL such a transaction may commit without waiting for its log to reach disk
 * ({@code synchronous_commit = off}). A crash of the service loses nothing by it; a crash of the
 * database server itself may lose the last fraction of a second of marks, and those digests
 * would be sent again, recognisable by their Message-ID. H2 has no such setting.
 */
@ApplicationScoped
public class RelaxedCommit {

    private final DataSource dataSource;
    private final boolean postgres;

    public RelaxedCommit(DataSource dataSource, Database database) {
        this.dataSource = dataSource;
        this.postgres = database.isPostgres();
    }

    /**
     * Call inside the transaction it is for. In plain JDBC: within a transaction the pool hands out
     * the transaction's own connection, and an ORM session is not worth opening for one statement.
     */
    public void forThisTransaction() {
        if (postgres) {
            try (Connection db = dataSource.getConnection();
                    Statement sql = db.createStatement()) {
                sql.execute("SET LOCAL synchronous_commit TO OFF");
            } catch (SQLException e) {
                throw new IllegalStateException("synchronous_commit not relaxed: " + e.getMessage(), e);
            }
        }
    }
}
