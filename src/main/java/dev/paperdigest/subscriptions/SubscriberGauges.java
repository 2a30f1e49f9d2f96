package dev.paperdigest.subscriptions;

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

import java.util.EnumMap;
import java.util.Map;

/**
 * The gauge {@code paperdigest.subscribers}, one series per {@link SubscriberStatus}, from one
 * count of the subscribers by status at most every {@code digest.health.cache-for}.
 */
@ApplicationScoped
public class SubscriberGauges {

    private final CachedValue<Map<SubscriberStatus, Long>> counts;
    private final OwnGauges gauges = new OwnGauges();

    public SubscriberGauges(EntityManager em, HealthConfig config) {
        this.counts =
                new CachedValue<>(() -> QuarkusTransaction.requiringNew().call(() -> read(em)), config.cacheFor());
    }

    void register(@Observes StartupEvent event, MeterRegistry registry) {
        for (SubscriberStatus status : SubscriberStatus.values()) {
            gauges.add(
                    Gauge.builder("paperdigest.subscribers", () -> counts.get().getOrDefault(status, 0L))
                            .description("Subscribers by status")
                            .tag("status", status.name())
                            .register(registry));
        }
    }

    void unregister(@Observes ShutdownEvent event, MeterRegistry registry) {
        gauges.removeFrom(registry);
    }

    private static Map<SubscriberStatus, Long> read(EntityManager em) {
        Map<SubscriberStatus, Long> counts = new EnumMap<>(SubscriberStatus.class);
        em.createQuery("select s.status, count(s) from Subscriber s group by s.status", Object[].class)
                .getResultList()
                .forEach(row -> counts.put((SubscriberStatus) row[0], ((Number) row[1]).longValue()));
        return counts;
    }
}
