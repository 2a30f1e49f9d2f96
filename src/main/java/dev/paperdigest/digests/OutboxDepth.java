package dev.paperdigest.digests;

import dev.paperdigest.common.CachedValue;
import dev.paperdigest.common.HealthConfig;
import dev.paperdigest.common.OwnGauges;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * How full the outbox is, for the gauges {@code paperdigest.outbox.queued} and
 * {@code paperdigest.outbox.oldest.age} and for {@link OutboxHealthCheck}. The age is how long
 * the queued digest that has waited longest has been due: a digest waiting for its next retry is
 * not late, while one nobody sends (the sender is stuck, the SMTP server silent) grows older at
 * every scrape. Both come from one read of the senders' index, at most every
 * {@code digest.health.cache-for}.
 */
@ApplicationScoped
public class OutboxDepth {

    /** The QUEUED deliveries: how many, and when the one due first came due (null: none). */
    record Snapshot(long queued, Instant oldestDue) {
        Duration oldestWait(Instant now) {
            return oldestDue == null || oldestDue.isAfter(now) ? Duration.ZERO : Duration.between(oldestDue, now);
        }
    }

    private final CachedValue<Snapshot> snapshot;
    private final OwnGauges gauges = new OwnGauges();
    private final Clock clock;

    public OutboxDepth(EntityManager em, HealthConfig config, Clock clock) {
        this.snapshot =
                new CachedValue<>(() -> QuarkusTransaction.requiringNew().call(() -> read(em)), config.cacheFor());
        this.clock = clock;
    }

    void register(@Observes StartupEvent event, MeterRegistry registry) {
        gauges.add(Gauge.builder("paperdigest.outbox.queued", () -> snapshot().queued())
                .description("Digests waiting in the outbox (QUEUED), those waiting for a retry included")
                .register(registry));
        gauges.add(Gauge.builder(
                        "paperdigest.outbox.oldest.age",
                        () -> snapshot().oldestWait(clock.instant()).toMillis() / 1000.0)
                .description("How long the queued digest that has waited longest has been due")
                .baseUnit("seconds")
                .register(registry));
    }

    void unregister(@Observes ShutdownEvent event, MeterRegistry registry) {
        gauges.removeFrom(registry);
    }

    Snapshot snapshot() {
        return snapshot.get();
    }

    private static Snapshot read(EntityManager em) {
        Object[] row = em.createQuery(
                        "select count(d), min(d.nextAttemptAt) from Delivery d where d.status = ?1", Object[].class)
                .setParameter(1, DeliveryStatus.QUEUED)
                .getSingleResult();
        return new Snapshot(((Number) row[0]).longValue(), (Instant) row[1]);
    }
}
