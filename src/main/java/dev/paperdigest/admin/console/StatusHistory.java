package dev.paperdigest.admin.console;

import dev.paperdigest.subscriptions.SubscriberStatus;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * How many subscribers had each status at the end of each day, worked back from how many have it
 * now and the changes of status in between. A subscriber keeps only the latest time of each
 * change (signed up, confirmed, unsubscribed, bounced), so each is taken to have gone the way
 * their status and those times tell: pending from signing up, active from confirming, then
 * unsubscribed or bounced. Erased subscribers and sign-ups deleted unconfirmed count on no day.
 */
final class StatusHistory {

    /** {@code count} subscribers went from {@code from} (null: they did not exist yet) to {@code to} on {@code day}. */
    record Change(LocalDate day, SubscriberStatus from, SubscriberStatus to, long count) {}

    private StatusHistory() {}

    /** For each status, its count at the end of each of {@code days} (consecutive, the last one today). */
    static Map<SubscriberStatus, List<Long>> rebuild(
            List<LocalDate> days, Map<SubscriberStatus, Long> now, List<Change> changes) {
        int n = days.size();
        Map<SubscriberStatus, long[]> counts = new EnumMap<>(SubscriberStatus.class);
        for (SubscriberStatus status : SubscriberStatus.values()) {
            long[] series = new long[n];
            if (n > 0) {
                series[n - 1] = now.getOrDefault(status, 0L);
            }
            counts.put(status, series);
        }
        for (int i = n - 2; i >= 0; i--) {
            for (long[] series : counts.values()) {
                series[i] = series[i + 1];
            }
            // what changed on the day after undone; a change after today (a clock ahead) counts as today's
            LocalDate next = days.get(i + 1);
            boolean nextIsLast = i + 1 == n - 1;
            for (Change change : changes) {
                if (change.day().equals(next) || (nextIsLast && change.day().isAfter(next))) {
                    counts.get(change.to())[i] -= change.count();
                    if (change.from() != null) {
                        counts.get(change.from())[i] += change.count();
                    }
                }
            }
        }
        Map<SubscriberStatus, List<Long>> history = new EnumMap<>(SubscriberStatus.class);
        counts.forEach((status, series) -> {
            List<Long> values = new ArrayList<>(n);
            for (long v : series) {
                values.add(Math.max(0, v)); // times out of order (a rare way through) must not show below 0
            }
            history.put(status, values);
        });
        return history;
    }
}
