package dev.paperdigest.papers;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.paperdigest.common.ImportReport;
import dev.paperdigest.common.SizeLimitedInputStream;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.util.Comparator;

/**
 * Streams a document through its parser into the store in batches ({@link PaperBatchWriter}), each
 * batch in its own transaction: memory stays bounded, and a document that breaks half-way keeps
 * its good entries.
 */
@ApplicationScoped
public class PaperImporter {

    private static final Logger LOG = Logger.getLogger(PaperImporter.class);

    private final PaperStore store;

    public PaperImporter(PaperStore store) {
        this.store = store;
    }

    public ImportReport importDocument(PaperFeedParser parser, InputStream document) {
        ImportReport report = new ImportReport();
        PaperBatchWriter writer = new PaperBatchWriter(store, report);
        try {
            parser.parse(document, writer);
        } catch (IOException e) {
            // parsers throw IOException for a broken document; store failures propagate as they are
            String reason = e instanceof JsonProcessingException json && json.getLocation() != null
                    ? json.getOriginalMessage() + " (line " + json.getLocation().getLineNr() + ", column "
                            + json.getLocation().getColumnNr() + ")"
                    : e.getMessage();
            LOG.infof("document malformed after %d entries: %s", writer.entries(), reason);
            report.received++;
            report.reject(writer.entries(), "malformed document: " + reason);
            report.tooLarge = e instanceof SizeLimitedInputStream.TooLargeException;
        }
        writer.flush();
        report.rejected.sort(Comparator.comparingInt(ImportReport.Rejection::index));
        return report;
    }
}
