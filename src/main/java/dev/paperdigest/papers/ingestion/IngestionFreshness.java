package dev.paperdigest.papers.ingestion;

import dev.paperdigest.common.CachedValue;
import dev.paperdigest.common.HealthConfig;
import dev.paperdigest.common.OwnGauges;
import dev.paperdigest.common.RunStatus;
import dev.paperdigest.papers.sources.PaperSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.persistence.EntityManager;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * When each source last ingested successfully: for the gauge
 * {@code paperdigest.ingestion.last.success.timestamp} (seconds since the epoch, one per source;
 * NaN for a source that never succeeded) and for {@link IngestionHealthCheck}.
 */
@ApplicationScoped
public class IngestionFreshness {

    private final CachedValue<Map<String, Instant>> lastSuccesses;
    private final OwnGauges gauges = new OwnGauges();
    private final Instant watchedSince;

    public IngestionFreshness(EntityManager em, HealthConfig config, Clock clock) {
        this.lastSuccesses =
                new CachedValue<>(() -> QuarkusTransaction.requiringNew().call(() -> read(em)), config.cacheFor());
        this.watchedSince = clock.instant();
    }

    void register(@Observes StartupEvent event, MeterRegistry registry, Instance<PaperSource> sources) {
        TreeSet<String> names = new TreeSet<>();
        sources.forEach(source -> names.add(source.name()));
        names.add(FolderImport.SOURCE);
        for (String source : names) {
            gauges.add(Gauge.builder("paperdigest.ingestion.last.success.timestamp", () -> epochSeconds(source))
                    .description("When the newest successful ingestion run of the source ended")
                    .baseUnit("seconds")
                    .tag("source", source)
                    .register(registry));
        }
    }

    void unregister(@Observes ShutdownEvent event, MeterRegistry registry) {
        gauges.removeFrom(registry);
    }

    /** When the newest successful run of any source ended. */
    Optional<Instant> newest() {
        return lastSuccesses.get().values().stream().max(Instant::compareTo);
    }

    /** When this process began to watch: the age of "never" counts from here. */
    Instant watchedSince() {
        return watchedSince;
    }

    private double epochSeconds(String source) {
        Instant last = lastSuccesses.get().get(source);
        return last == null ? Double.NaN : last.toEpochMilli() / 1000.0;
    }

    private static Map<String, Instant> read(EntityManager em) {
        Map<String, Instant> last = new HashMap<>();
        em.createQuery(
                        "select r.source, max(r.finishedAt) from IngestionRun r where r.status = ?1 group by r.source",
                        Object[].class)
                .setParameter(1, RunStatus.SUCCEEDED)
                .getResultList()
                .forEach(row -> {
                    if (row[1] != null) {
                        last.put((String) row[0], (Instant) row[1]);
                    }
                });
        return last;
    }
}
