package dev.paperdigest.subscriptions;

import dev.paperdigest.common.CachedValue;
import dev.paperdigest.papers.Paper;
import dev.paperdigest.papers.PapersChanged;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The front page as rendered, per query, until the papers change: everyone sees the same page, and
 * it changes about once a day, while it is the page most asked for. Papers this process stores
 * show at once; whether others (another replica) changed them is read from the database at most
 * every {@link #CHECK_EVERY}. The least recently asked pages go first past {@link #KEPT}.
 */
@ApplicationScoped
public class RenderedHomePages {

    static final Duration CHECK_EVERY = Duration.ofSeconds(5);
    static final int KEPT = 256;

    /** A page as answered: its HTML, and whether it answers a query it could not read (400). */
    record Rendered(String html, boolean refused) {}

    private final CachedValue<String> papersVersion =
            new CachedValue<>(() -> QuarkusTransaction.requiringNew().call(Paper::changesVersion), CHECK_EVERY);
    private final Map<HomeQuery, Rendered> pages = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<HomeQuery, Rendered> eldest) {
            return size() > KEPT;
        }
    };
    private String renderedFor;
    /** Counts the clearings, so that a page rendered from papers since changed is not kept. */
    private long generation;

    Rendered get(HomeQuery query, Function<HomeQuery, Rendered> render) {
        String version = papersVersion.get();
        long renderedIn;
        synchronized (pages) {
            if (!version.equals(renderedFor)) {
                clear();
                renderedFor = version;
            }
            Rendered kept = pages.get(query);
            if (kept != null) {
                return kept;
            }
            renderedIn = generation;
        }
        // rendered outside the lock: two first requests may both render, which is harmless
        Rendered rendered = render.apply(query);
        synchronized (pages) {
            if (renderedIn == generation) {
                pages.put(query, rendered);
            }
        }
        return rendered;
    }

    void papersChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) PapersChanged event) {
        synchronized (pages) {
            clear();
        }
    }

    private void clear() {
        pages.clear();
        generation++;
    }
}
