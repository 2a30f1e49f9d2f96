package dev.paperdigest.subscriptions;

import java.util.List;

/** A subscribe or manage form that passed validation. */
public record SubscriptionRequest(
        String email, List<Subscription> subscriptions, Frequency frequency, int sendHour, String timeZone) {}
