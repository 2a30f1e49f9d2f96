package dev.paperdigest.papers;

import java.io.IOException;
import java.io.InputStream;

/** Reads one document format entry by entry, so a large document is never held in memory at once. */
public interface PaperFeedParser {

    /** Receives each entry of a document, by its 0-based index in the document. */
    interface Sink {
        void accept(int index, PaperRecord record);

        void reject(int index, String reason);
    }

    /**
     * Parses the document. Entries already handed to the sink stay valid when the document later
     * turns out to be malformed: the parser then throws, and the caller keeps what came before.
     */
    void parse(InputStream in, Sink sink) throws IOException;
}
