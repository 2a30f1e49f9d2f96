package dev.paperdigest.common;

import io.quarkus.flyway.FlywayConfigurationCustomizer;
import io.quarkus.runtime.PreventFurtherStepsException;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.jboss.logging.Logger;

import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * At start, before anything else uses the database: a database that cannot be reached (or refuses
 * the login) stops the service at once with one line at ERROR that names the URL and the reason
 * and says what to check, and exit code 1, instead of a page of stack trace from the migration.
 * Flyway's migration at start is the first to connect, so the check runs as its configuration is
 * completed. The password never shows; a URL's own {@code password=} is masked.
 */
@ApplicationScoped
public class DatabaseReachable implements FlywayConfigurationCustomizer {

    private static final Logger LOG = Logger.getLogger(DatabaseReachable.class);

    private final String url;
    private final Duration patience;

    public DatabaseReachable(
            @ConfigProperty(name = "quarkus.datasource.jdbc.url") String url,
            @ConfigProperty(name = "quarkus.datasource.jdbc.acquisition-timeout", defaultValue = "5s")
                    Duration patience) {
        this.url = url;
        this.patience = patience;
    }

    @Override
    public void customize(FluentConfiguration configuration) {
        try (Connection ignored = configuration.getDataSource().getConnection()) {
            // reached
        } catch (SQLException e) {
            LOG.errorf(
                    "Cannot connect to the database at %s: %s. Check QUARKUS_DATASOURCE_JDBC_URL,"
                            + " QUARKUS_DATASOURCE_USERNAME and QUARKUS_DATASOURCE_PASSWORD, and that the"
                            + " database server is running and can be reached from here.",
                    withoutPassword(url), reason(e, patience));
            LOG.debug("the database connection failed", e);
            // Quarkus prints this message, instead of a stack trace, and exits with 1
            throw new PreventFurtherStepsException("Paper Digest did not start: no database.", 1);
        }
    }

    /**
     * What the innermost cause says: "Connection refused", "unknown host db.example.org", the
     * server's refusal of the login; or that nothing answered in time.
     */
    static String reason(Throwable e, Duration patience) {
        Throwable root = e;
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof TimeoutException || cause instanceof SocketTimeoutException) {
                return "no answer within " + patience.toSeconds() + " s";
            }
            root = cause;
        }
        if (root instanceof UnknownHostException) {
            return "unknown host " + root.getMessage();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.endsWith(".") ? message.substring(0, message.length() - 1) : message;
    }

    /** {@code password=...} (PostgreSQL, H2) and {@code user:password@} masked. */
    static String withoutPassword(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***").replaceAll("(//[^/@:]+:)[^/@]*@", "$1***@");
    }
}
