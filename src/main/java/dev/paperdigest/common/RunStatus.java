package dev.paperdigest.common;

/** The life of a background run (a digest run, an ingestion), as the admin API reports it. */
public enum RunStatus {
    QUEUED,
    RUNNING,
    SUCCEEDED,
    FAILED,
    CANCELLED
}
