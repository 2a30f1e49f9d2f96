package dev.paperdigest.papers.sources;

/**
 * An upstream that papers come from. A run ({@link SourceRun}) asks it for a day or for
 * everything new; the source fetches, parses and hands entries to the run, which stores them.
 */
public interface PaperSource {

    /** The name used in config ({@code digest.sources.NAME.*}), the API and the run records. */
    String name();

    /** Whether the source is switched on ({@code digest.sources.NAME.enabled}). */
    boolean enabled();

    void fetch(SourceRun run) throws UpstreamException, InterruptedException;
}
