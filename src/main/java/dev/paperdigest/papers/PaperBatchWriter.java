package dev.paperdigest.papers;

import dev.paperdigest.common.ImportReport;

import java.util.ArrayList;
import java.util.List;

/**
 * Stores the entries of one document in batches of {@link #BATCH_SIZE}, each batch in one
 * transaction, and adds what each did to a report: memory stays bounded, and a document that
 * breaks half-way keeps its good entries. In the report an entry's index is its index in the
 * document plus {@code offset} (several documents add to one report); a {@code label} names the
 * document in the reasons ({@code LABEL, entry N: reason}).
 */
public class PaperBatchWriter implements PaperFeedParser.Sink {

    public static final int BATCH_SIZE = 500;

    private final PaperStore store;
    private final ImportReport report;
    private final int offset;
    private final String label;
    private final List<PaperStore.Indexed> batch = new ArrayList<>(BATCH_SIZE);
    private int entries;

    /** The whole report is this one document's, its reasons as the parser and the store gave them. */
    public PaperBatchWriter(PaperStore store, ImportReport report) {
        this(store, report, 0, null);
    }

    protected PaperBatchWriter(PaperStore store, ImportReport report, int offset, String label) {
        this.store = store;
        this.report = report;
        this.offset = offset;
        this.label = label;
    }

    @Override
    public final void accept(int index, PaperRecord record) {
        seen(index);
        batch.add(new PaperStore.Indexed(offset + index, record));
        if (batch.size() >= BATCH_SIZE) {
            flush();
        }
    }

    @Override
    public final void reject(int index, String reason) {
        seen(index);
        report.received++;
        report.reject(offset + index, where(index, reason));
    }

    /** Entries seen so far, rejected ones included. */
    public int entries() {
        return entries;
    }

    /** Where this document's entries start in the report. */
    protected int offset() {
        return offset;
    }

    /** Stores the entries not stored yet. */
    public void flush() {
        if (batch.isEmpty()) {
            return;
        }
        ImportReport stored = store.upsertIndexed(batch);
        batch.clear();
        stored.rejected.replaceAll(r -> new ImportReport.Rejection(r.index(), where(r.index() - offset, r.reason())));
        report.add(stored);
        stored();
    }

    /** Called with how many entries were seen since the last call. */
    protected void moreEntries(int count) {}

    /** Called after each batch is stored and added to the report. */
    protected void stored() {}

    private void seen(int index) {
        if (index + 1 > entries) {
            int more = index + 1 - entries;
            entries = index + 1;
            moreEntries(more);
        }
    }

    private String where(int index, String reason) {
        return label == null ? reason : label + ", entry " + index + ": " + reason;
    }
}
