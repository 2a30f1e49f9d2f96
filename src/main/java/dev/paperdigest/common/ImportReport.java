package dev.paperdigest.common;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.ArrayList;
import java.util.List;

/**
 * What one import or ingestion did: the admin API's {@code {received, created, updated, skipped,
 * rejected}}. The first {@link #LISTED_REJECTIONS} rejections are listed with their reasons; any
 * more are only counted, in {@code moreRejected}, so a huge bad file cannot blow up the answer.
 */
public class ImportReport {

    public static final int LISTED_REJECTIONS = 1000;

    public record Rejection(int index, String reason) {}

    public int received;
    public int created;
    public int updated;
    public int skipped;
    public final List<Rejection> rejected = new ArrayList<>();

    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public int moreRejected;
    /** The document went past the size limit; entries before that point were stored. */
    @JsonIgnore
    public boolean tooLarge;

    public void reject(int index, String reason) {
        if (rejected.size() < LISTED_REJECTIONS) {
            rejected.add(new Rejection(index, reason));
        } else {
            moreRejected++;
        }
    }

    public int rejectedCount() {
        return rejected.size() + moreRejected;
    }

    public void add(ImportReport other) {
        received += other.received;
        created += other.created;
        updated += other.updated;
        skipped += other.skipped;
        other.rejected.forEach(r -> reject(r.index(), r.reason()));
        moreRejected += other.moreRejected;
    }
}
