package dev.paperdigest.papers.ingestion;

import dev.paperdigest.papers.PaperBatchWriter;
import dev.paperdigest.papers.PaperStore;
import dev.paperdigest.papers.sources.SourceRun;

/**
 * One upstream document of a run (a page, a day): its entries are stored in batches and counted
 * in the run's totals, their indexes running on from the run's earlier documents.
 */
final class RunDocument extends PaperBatchWriter implements SourceRun.Document {

    private final ActiveRun run;
    private final String label;

    RunDocument(PaperStore store, ActiveRun run, String label) {
        super(store, run.totals, run.fetched, label);
        this.run = run;
        this.label = label;
    }

    @Override
    protected void moreEntries(int count) {
        run.fetched += count;
    }

    @Override
    protected void stored() {
        run.maybeReport();
    }

    @Override
    public void failed(String problem) {
        run.documentFailed(offset() + entries(), label + ": " + problem + " (entries before it kept)");
    }

    @Override
    public void close() {
        flush();
    }
}
