package dev.paperdigest.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;

/**
 * The machine's PostgreSQL server that the benchmarks' PostgreSQL passes use: 127.0.0.1:5432, trust
 * auth, user {@code postgres} (override with {@code -Dbench.pg.server=jdbc:postgresql://host:port/},
 * {@code -Dbench.pg.user}, {@code -Dbench.pg.password}), each benchmark in a database of its own.
 */
public final class BenchPostgres {

    static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";

    private BenchPostgres() {}

    /** The datasource settings for {@code database}, created first if the server has none of that name. */
    public static Map<String, String> datasource(String database) {
        String server = System.getProperty("bench.pg.server", SERVER);
        String user = System.getProperty("bench.pg.user", "postgres");
        String password = System.getProperty("bench.pg.password", "");
        try (Connection c = DriverManager.getConnection(server + "postgres", user, password)) {
            boolean exists = c.createStatement()
                    .executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + database + "'")
                    .next();
            if (!exists) {
                c.createStatement().execute("CREATE DATABASE " + database);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + server + " not usable for the benchmark", e);
        }
        return Map.of(
                "quarkus.datasource.jdbc.url", server + database,
                "quarkus.datasource.username", user,
                "quarkus.datasource.password", password);
    }
}
