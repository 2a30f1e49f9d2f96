package dev.paperdigest.papers;

import dev.paperdigest.common.SizeLimitedInputStream;
import dev.paperdigest.common.ImportReport;
import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Streams a document through its parser into the store in batches, each batch in its own
 * transaction: memory stays bounded, and a document that breaks half-way keeps its good entries.
 */
@ApplicationScoped
public class PaperImporter {

    private static final Logger LOG = Logger.getLogger(PaperImporter.class);
    static final int BATCH_SIZE = 500;

    private final PaperStore store;

    public PaperImporter(PaperStore store) {
        this.store = store;
    }

    public ImportReport importDocument(PaperFeedParser parser, InputStream document) {
        ImportReport report = new ImportReport();
        List<PaperStore.Indexed> batch = new ArrayList<>(BATCH_SIZE);
        int[] seen = {0};
        PaperFeedParser.Sink sink = new PaperFeedParser.Sink() {
            @Override
            public void accept(int index, PaperRecord record) {
                seen[0] = index + 1;
                batch.add(new PaperStore.Indexed(index, record));
                if (batch.size() == BATCH_SIZE) {
                    flush();
                }
            }

            @Override
            public void reject(int index, String reason) {
                seen[0] = index + 1;
                report.received++;
                report.reject(index, reason);
            }

            void flush() {
                report.add(store.upsertIndexed(batch));
                batch.clear();
            }
        };
        try {
            parser.parse(document, sink);
        } catch (IOException e) {
            // parsers throw IOException for a broken document; store failures propagate as they are
            String reason = e instanceof JsonProcessingException json && json.getLocation() != null
                    ? json.getOriginalMessage() + " (line " + json.getLocation().getLineNr() + ", column " + json.getLocation().getColumnNr() + ")"
                    : e.getMessage();
            LOG.infof("document malformed after %d entries: %s", seen[0], reason);
            report.received++;
            report.reject(seen[0], "malformed document: " + reason);
            report.tooLarge = e instanceof SizeLimitedInputStream.TooLargeException;
        }
        if (!batch.isEmpty()) {
            report.add(store.upsertIndexed(batch));
        }
        report.rejected.sort(java.util.Comparator.comparingInt(ImportReport.Rejection::index));
        return report;
    }
}
