package dev.paperdigest.common;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

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
}
