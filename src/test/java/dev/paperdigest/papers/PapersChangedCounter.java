package dev.paperdigest.papers;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import java.util.concurrent.atomic.AtomicInteger;

/** Counts the {@link PapersChanged} events that reached observers, as the caches of rendered papers see them. */
@ApplicationScoped
public class PapersChangedCounter {

    private final AtomicInteger changes = new AtomicInteger();

    /** A method, not the field: the field read through the bean's client proxy would be the proxy's own. */
    int changes() {
        return changes.get();
    }

    void papersChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) PapersChanged event) {
        changes.incrementAndGet();
    }
}
