package dev.paperdigest.admin.console;

import dev.paperdigest.admin.console.StatusHistory.Change;
import dev.paperdigest.support.NoDatabase;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static dev.paperdigest.subscriptions.SubscriberStatus.ACTIVE;
import static dev.paperdigest.subscriptions.SubscriberStatus.BOUNCED;
import static dev.paperdigest.subscriptions.SubscriberStatus.PENDING;
import static dev.paperdigest.subscriptions.SubscriberStatus.UNSUBSCRIBED;
import static org.junit.jupiter.api.Assertions.assertEquals;

@NoDatabase
class StatusHistoryTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 28);
    private static final List<LocalDate> DAYS =
            List.of(TODAY.minusDays(4), TODAY.minusDays(3), TODAY.minusDays(2), TODAY.minusDays(1), TODAY);

    @Test
    void eachDayIsTodayWithTheLaterChangesUndone() {
        var history = StatusHistory.rebuild(
                DAYS,
                Map.of(ACTIVE, 3L, PENDING, 1L, UNSUBSCRIBED, 1L, BOUNCED, 1L),
                List.of(
                        // one person signed up 3 days ago, confirmed the next day, left yesterday
                        new Change(TODAY.minusDays(3), null, PENDING, 1),
                        new Change(TODAY.minusDays(2), PENDING, ACTIVE, 1),
                        new Change(TODAY.minusDays(1), ACTIVE, UNSUBSCRIBED, 1),
                        // an older subscriber bounced yesterday; someone signed up today
                        new Change(TODAY.minusDays(1), ACTIVE, BOUNCED, 1),
                        new Change(TODAY, null, PENDING, 1)));

        assertEquals(List.of(4L, 4L, 5L, 3L, 3L), history.get(ACTIVE));
        assertEquals(List.of(0L, 1L, 0L, 0L, 1L), history.get(PENDING));
        assertEquals(List.of(0L, 0L, 0L, 1L, 1L), history.get(UNSUBSCRIBED));
        assertEquals(List.of(0L, 0L, 0L, 1L, 1L), history.get(BOUNCED));
    }

    @Test
    void changesBeforeTheFirstDayAreInItAndChangesAfterTodayCountAsTodays() {
        var history = StatusHistory.rebuild(
                DAYS,
                Map.of(ACTIVE, 2L),
                List.of(
                        new Change(TODAY.minusDays(30), null, PENDING, 2),
                        new Change(TODAY.minusDays(30), PENDING, ACTIVE, 2),
                        new Change(TODAY.plusDays(1), PENDING, ACTIVE, 1)));

        assertEquals(List.of(1L, 1L, 1L, 1L, 2L), history.get(ACTIVE));
        assertEquals(List.of(1L, 1L, 1L, 1L, 0L), history.get(PENDING));
    }

    @Test
    void timesOutOfOrderNeverShowBelowZero() {
        // a subscriber who never confirmed yet is active (the manage form brought them back): no confirmation to undo
        var history = StatusHistory.rebuild(
                DAYS, Map.of(ACTIVE, 1L), List.of(new Change(TODAY.minusDays(1), null, PENDING, 1)));

        assertEquals(List.of(0L, 0L, 0L, 0L, 0L), history.get(PENDING));
        assertEquals(List.of(1L, 1L, 1L, 1L, 1L), history.get(ACTIVE));
    }
}
