package dev.paperdigest.subscriptions;

import dev.paperdigest.matching.LikedPaper;
import dev.paperdigest.papers.ArxivAtomParser;
import dev.paperdigest.papers.Paper;
import dev.paperdigest.papers.PaperFeedParser;
import dev.paperdigest.papers.PaperRecord;
import dev.paperdigest.papers.PaperStore;
import dev.paperdigest.papers.sources.ArxivApi;
import dev.paperdigest.papers.sources.UpstreamException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The papers people like ("papers like this one"), by base arXiv id: read for matching, and
 * fetched from arXiv ({@code id_list=}, through the same polite gate as ingestion) when a
 * subscription names one Paper Digest does not have yet.
 *
 * <p>Saving a form waits at most {@link #WAIT} for arXiv: the gate may be held by an ingestion
 * run, and arXiv asks for seconds between requests, so the look-up runs in the background
 * and goes on after the form has been answered. A paper arXiv does not know is refused on the
 * form when the answer comes in time; otherwise the manage page lists it while it is missing.
 */
@ApplicationScoped
public class LikedPapers {

    private static final Logger LOG = Logger.getLogger(LikedPapers.class);

    static final Duration WAIT = Duration.ofSeconds(5);
    /** A liked paper published longer ago than this is not news: no digest brings it as new. */
    static final Duration NEWS = Duration.ofDays(7);

    private static final int BATCH = 100;
    /**
     * Look-ups waiting for the gate (each of at most {@value #BATCH} ids; an import queues one a
     * line); beyond that the oldest is dropped, and its papers are looked up when next saved.
     */
    private static final int QUEUED = 10_000;

    private final ArxivApi arxiv;
    private final PaperStore store;
    private final Clock clock;
    private final ManagedExecutor executor;
    /** Look-ups not started yet, taken one at a time: each waits for arXiv's gate anyway. */
    private final ArrayDeque<Runnable> pending = new ArrayDeque<>();

    private boolean lookingUp;

    public LikedPapers(ArxivApi arxiv, PaperStore store, Clock clock, ManagedExecutor executor) {
        this.arxiv = arxiv;
        this.store = store;
        this.clock = clock;
        this.executor = executor;
    }

    /**
     * Queues a look-up. One at a time on the shared executor, so that a large import waiting for
     * arXiv's gate holds one of its threads, not all of them.
     */
    private synchronized void lookUp(Runnable task) {
        if (pending.size() == QUEUED) {
            LOG.warnf("more than %d look-ups of liked papers waiting; the oldest is dropped", QUEUED);
            pending.pollFirst();
        }
        pending.add(task);
        if (!lookingUp) {
            lookingUp = true;
            try {
                executor.runAsync(this::lookUpPending);
            } catch (RejectedExecutionException stopping) {
                lookingUp = false;
            }
        }
    }

    private void lookUpPending() {
        while (true) {
            Runnable next;
            synchronized (this) {
                next = pending.poll();
                if (next == null) {
                    lookingUp = false;
                    return;
                }
            }
            try {
                next.run();
            } catch (RuntimeException | Error e) {
                synchronized (this) {
                    lookingUp = false;
                }
                throw e;
            }
        }
    }

    /** Whether papers missing here may be looked up on arXiv (off when the arXiv source is). */
    boolean canLookUp() {
        return arxiv.enabled();
    }

    /** Of these base ids, those no stored paper has. */
    static List<String> missing(Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Set<String> stored = new HashSet<>(QuarkusTransaction.requiringNew()
                .call(() -> Paper.getEntityManager()
                        .createQuery("select p.arxivId from Paper p where p.arxivId in ?1", String.class)
                        .setParameter(1, List.copyOf(ids))
                        .getResultList()));
        return ids.stream().filter(id -> !stored.contains(id)).distinct().toList();
    }

    /**
     * Fetches these papers from arXiv and stores them, waiting at most {@link #WAIT}: the ids arXiv
     * does not know, or none when it did not answer in time (the look-up then goes on).
     */
    Set<String> fetchWaiting(List<String> ids) {
        CompletableFuture<Set<String>> lookedUp = new CompletableFuture<>();
        lookUp(() -> {
            try {
                lookedUp.complete(fetch(ids));
            } catch (Exception e) {
                lookedUp.completeExceptionally(e);
            }
        });
        try {
            return lookedUp.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return Set.of();
        } catch (ExecutionException e) {
            LOG.warnf(
                    "looking up liked papers %s on arXiv failed: %s",
                    ids, e.getCause().getMessage());
            return Set.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Set.of();
        }
    }

    /** Fetches these papers from arXiv in the background (an import does not wait for arXiv). */
    void fetchLater(List<String> ids) {
        for (int from = 0; from < ids.size(); from += BATCH) {
            List<String> batch = List.copyOf(ids.subList(from, Math.min(ids.size(), from + BATCH)));
            lookUp(() -> {
                try {
                    fetch(batch);
                } catch (Exception e) {
                    LOG.warnf("looking up %d liked papers on arXiv failed: %s", batch.size(), e.getMessage());
                }
            });
        }
    }

    private Set<String> fetch(List<String> ids) throws UpstreamException, InterruptedException {
        List<PaperRecord> found = new ArrayList<>();
        PaperFeedParser.Sink sink = new PaperFeedParser.Sink() {
            @Override
            public void accept(int index, PaperRecord record) {
                found.add(record);
            }

            @Override
            public void reject(int index, String reason) {
                // an entry we cannot read is a paper we cannot match: it counts as unknown
            }
        };
        for (int from = 0; from < ids.size(); from += BATCH) {
            List<String> batch = ids.subList(from, Math.min(ids.size(), from + BATCH));
            try {
                arxiv.fetch(arxiv.byIds(batch), sink, new ArxivAtomParser.Feed(), () -> {});
            } catch (IOException e) {
                throw new UpstreamException(
                        "arXiv look-up of " + batch.size() + " ids unreadable: " + e.getMessage(), e);
            }
        }
        Set<String> unknown = new LinkedHashSet<>(ids);
        List<PaperRecord> asked = found.stream()
                .filter(record -> unknown.remove(record.arxivId()))
                .toList();
        if (!asked.isEmpty()) {
            QuarkusTransaction.requiringNew().run(() -> {
                store.upsert(asked);
                Paper.setAsideAsOld(
                        asked.stream().map(PaperRecord::arxivId).toList(),
                        clock.instant().minus(NEWS));
            });
        }
        return unknown;
    }

    /** The stored papers of these base ids, as matching reads them. Within a transaction. */
    static Map<String, LikedPaper> byArxivId(Collection<String> ids) {
        Map<String, LikedPaper> liked = new HashMap<>();
        if (ids.isEmpty()) {
            return liked;
        }
        List<Object[]> rows = Paper.getEntityManager()
                .createQuery(
                        "select p.arxivId, p.id, p.title, p.abstractText from Paper p where p.arxivId in ?1",
                        Object[].class)
                .setParameter(1, List.copyOf(ids))
                .getResultList();
        for (Object[] row : rows) {
            liked.put((String) row[0], new LikedPaper((Long) row[1], (String) row[2], (String) row[3]));
        }
        return liked;
    }
}
