package dev.paperdigest.papers;

import java.util.ArrayList;
import java.util.List;

/** What one import or ingestion did: the contract's {@code {received, created, updated, skipped, rejected}}. */
public class ImportReport {

    public record Rejection(int index, String reason) {
    }

    public int received;
    public int created;
    public int updated;
    public int skipped;
    public final List<Rejection> rejected = new ArrayList<>();
    /** The document went past the size limit; entries before that point were stored. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean tooLarge;

    public void reject(int index, String reason) {
        rejected.add(new Rejection(index, reason));
    }

    public void add(ImportReport other) {
        received += other.received;
        created += other.created;
        updated += other.updated;
        skipped += other.skipped;
        rejected.addAll(other.rejected);
    }
}
