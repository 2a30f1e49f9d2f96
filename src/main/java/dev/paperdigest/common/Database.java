package dev.paperdigest.common;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.exception.ConstraintViolationException;

import java.util.Locale;

/** Which database the service was built for, where the SQL of one differs from the other's. */
@ApplicationScoped
public class Database {

    private final boolean postgres;

    public Database(@ConfigProperty(name = "quarkus.datasource.db-kind") String kind) {
        this.postgres = kind.toLowerCase(Locale.ROOT).startsWith("postgres");
    }

    /** PostgreSQL; otherwise the embedded H2. */
    public boolean isPostgres() {
        return postgres;
    }

    /** Whether a failure, or one of its causes, is a row that broke a constraint (another transaction wrote it first). */
    public static boolean isConstraintViolation(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConstraintViolationException) {
                return true;
            }
        }
        return false;
    }
}
