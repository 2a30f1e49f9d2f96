package dev.paperdigest.subscriptions;

public enum SubscriberStatus {
    /** Signed up, not yet confirmed: gets no digest. */
    PENDING,
    ACTIVE,
    UNSUBSCRIBED,
    /** Their address bounced for good: gets nothing until an operator reactivates them. */
    BOUNCED
}
