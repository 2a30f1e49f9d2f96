package dev.paperdigest.papers.sources;

import dev.paperdigest.papers.PaperFeedParser;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/** What a source sees of the run it works for. */
public interface SourceRun {

    /** The day asked for, or empty: everything new since the last successful run. */
    Optional<LocalDate> requestedDate();

    /** When the last successful catch-up run of this source started, if there was one. */
    Optional<Instant> lastSuccessStartedAt();

    /** When the run started: the "now" a source measures its windows from. */
    Instant startedAt();

    /** Records the oldest point in time the run asks for. */
    void cursorFrom(Instant from);

    /** Counts one HTTP request (retries included). */
    void requestMade();

    /**
     * Opens one upstream document (a page, a day): entries handed to the returned sink are
     * stored in batches, each in one transaction; {@link Document#close()} stores the rest.
     */
    Document document(String label);

    /** Fraction done, 0 to 1, as well as the source can tell. */
    void progress(double fraction);

    /** A problem that does not stop the run but is worth reporting with it. */
    void warn(String message);

    /** Throws when the run has to stop: the service is stopping, or an operator cancelled it. */
    void checkCancelled() throws InterruptedException;

    interface Document extends PaperFeedParser.Sink, AutoCloseable {
        /** The document broke: its good entries are kept; the run ends FAILED so the next one retries. */
        void failed(String problem);

        /** Entries seen so far, rejected ones included. */
        int entries();

        @Override
        void close();
    }
}
