package dev.paperdigest.common;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Secrets the service makes for itself on first use and keeps in the database, so that every
 * replica and every restart agrees on them (the key that signs links in emails).
 */
@ApplicationScoped
public class AppSecrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final EntityManager em;

    public AppSecrets(EntityManager em) {
        this.em = em;
    }

    public String getOrCreate(String name) {
        return read(name).orElseGet(() -> {
            byte[] bytes = new byte[32];
            RANDOM.nextBytes(bytes);
            String fresh = Base64.getEncoder().encodeToString(bytes);
            try {
                QuarkusTransaction.requiringNew()
                        .run(() -> em.createNativeQuery("INSERT INTO app_secret (name, secret) VALUES (?1, ?2)")
                                .setParameter(1, name)
                                .setParameter(2, fresh)
                                .executeUpdate());
            } catch (RuntimeException raced) {
                // another replica created it first: use theirs
            }
            return read(name).orElseThrow(() -> new IllegalStateException("secret " + name + " could not be stored"));
        });
    }

    private Optional<String> read(String name) {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<String> values = em.createNativeQuery("SELECT secret FROM app_secret WHERE name = ?1")
                    .setParameter(1, name)
                    .getResultList();
            return values.stream().findFirst();
        });
    }
}
