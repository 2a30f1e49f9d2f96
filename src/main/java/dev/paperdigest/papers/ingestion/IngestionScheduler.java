package dev.paperdigest.papers.ingestion;

import dev.paperdigest.common.AlreadyRunningException;
import dev.paperdigest.papers.sources.ArxivSource;
import dev.paperdigest.papers.sources.HfDailyPapersSource;
import dev.paperdigest.papers.sources.PaperSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;

/**
 * Starts each enabled source on its cron ({@code digest.sources.hf.cron},
 * {@code digest.sources.arxiv.cron}; {@code off} or {@code disabled} switches the schedule off and
 * leaves runs by hand). A disabled source never runs on schedule. A tick that finds the source
 * still running (here or on another replica) is skipped quietly: the next tick catches up.
 */
@ApplicationScoped
public class IngestionScheduler {

    private static final Logger LOG = Logger.getLogger(IngestionScheduler.class);

    private final IngestionService service;
    private final HfDailyPapersSource hf;
    private final ArxivSource arxiv;
    private final Clock clock;

    public IngestionScheduler(IngestionService service, HfDailyPapersSource hf, ArxivSource arxiv, Clock clock) {
        this.service = service;
        this.hf = hf;
        this.arxiv = arxiv;
        this.clock = clock;
    }

    @Scheduled(
            identity = "ingestion-hf",
            cron = "{digest.sources.hf.cron}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void hfTick() {
        tick(hf);
    }

    @Scheduled(
            identity = "ingestion-arxiv",
            cron = "{digest.sources.arxiv.cron}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void arxivTick() {
        tick(arxiv);
    }

    /** Ends the runs of processes that died: see {@link IngestionRun#failOrphans}. */
    @Scheduled(identity = "ingestion-orphans", every = "30s", delayed = "30s")
    void failOrphans() {
        int failed = QuarkusTransaction.requiringNew().call(() -> IngestionRun.failOrphans(clock.instant()));
        if (failed > 0) {
            LOG.warnf("%d ingestion run(s) of a process that stopped marked FAILED", failed);
        }
    }

    /** @return the run started, or null when none was */
    public Long tick(PaperSource source) {
        if (!source.enabled()) {
            LOG.debugf("source %s is disabled: no scheduled run", source.name());
            return null;
        }
        try {
            return service.start(source.name(), null, true);
        } catch (AlreadyRunningException e) {
            LOG.debugf("scheduled run of %s skipped: %s", source.name(), e.getMessage());
            return null;
        }
    }
}
