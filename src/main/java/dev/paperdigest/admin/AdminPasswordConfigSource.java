package dev.paperdigest.admin;

import org.eclipse.microprofile.config.spi.ConfigSource;

import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Defines the one admin user, {@code quarkus.security.users.embedded.users.admin}, from
 * {@code DIGEST_ADMIN_PASSWORD}, and only when that is set and not blank. Unset, there is no
 * admin user at all, so the admin API refuses everyone (an empty value in application.properties
 * would instead stop the service from starting).
 */
public class AdminPasswordConfigSource implements ConfigSource {

    public static final String VARIABLE = "DIGEST_ADMIN_PASSWORD";
    static final String KEY = "quarkus.security.users.embedded.users.admin";

    private final UnaryOperator<String> environment;

    public AdminPasswordConfigSource() {
        this(System::getenv);
    }

    AdminPasswordConfigSource(UnaryOperator<String> environment) {
        this.environment = environment;
    }

    @Override
    public Set<String> getPropertyNames() {
        return password() == null ? Set.of() : Set.of(KEY);
    }

    @Override
    public Map<String, String> getProperties() {
        String password = password();
        return password == null ? Map.of() : Map.of(KEY, password);
    }

    @Override
    public String getValue(String propertyName) {
        return KEY.equals(propertyName) ? password() : null;
    }

    @Override
    public String getName() {
        return "paper-digest-admin-password";
    }

    /** Above application.properties (250), below environment variables (300) and system properties. */
    @Override
    public int getOrdinal() {
        return 275;
    }

    private String password() {
        String value = environment.apply(VARIABLE);
        return value == null || value.isBlank() ? null : value;
    }
}
