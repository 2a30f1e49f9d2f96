package dev.paperdigest.papers.sources;

/** An upstream request that failed for good (after its retries, or at once for a 4xx). */
public class UpstreamException extends Exception {

    public UpstreamException(String message) {
        super(message);
    }

    public UpstreamException(String message, Throwable cause) {
        super(message, cause);
    }
}
