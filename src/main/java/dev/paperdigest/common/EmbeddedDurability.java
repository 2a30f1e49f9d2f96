package dev.paperdigest.common;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * On the embedded H2 database, a commit reaches the file before it returns. By default H2 writes
 * committed changes up to half a second later, so a process killed with {@code kill -9} lost the
 * SENT marks of the digests it had just sent, and sent them again after a restart. Set here, not
 * in the JDBC URL, so that an operator's own URL keeps it. It does not force the operating system
 * to write to disk: a power cut may still lose the last moments, a crash of the service may not.
 * PostgreSQL is durable on its own.
 */
@ApplicationScoped
public class EmbeddedDurability {

    private final DataSource dataSource;
    private final Database database;

    public EmbeddedDurability(DataSource dataSource, Database database) {
        this.dataSource = dataSource;
        this.database = database;
    }

    /** Plain JDBC: it runs on the path to ready, before anything else needs an ORM session. */
    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) throws SQLException {
        if (!database.isPostgres()) {
            try (Connection db = dataSource.getConnection();
                    Statement sql = db.createStatement()) {
                sql.execute("SET WRITE_DELAY 0");
            }
        }
    }
}
