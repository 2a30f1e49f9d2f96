package dev.paperdigest.digests;

public enum DeliveryStatus {
    /** Waiting to be sent (again, after a failed attempt, from {@code nextAttemptAt}). */
    QUEUED,
    /** Claimed by one sender; nobody else touches it. */
    SENDING,
    SENT,
    /** Gave up after the last attempt; an operator can retry it. */
    FAILED,
    /** The subscriber left or was erased before it went out. */
    CANCELLED
}
