package dev.paperdigest.subscriptions;

public enum SubscriberStatus {
    /** Signed up, not yet confirmed: gets no digest. */
    PENDING,
    ACTIVE,
    UNSUBSCRIBED
}
