package dev.paperdigest.digests;

import dev.paperdigest.subscriptions.WeeklyDigestDay;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.DayOfWeek;

/** The weekly day as {@link DeliveryConfig} sets it, for the subscription pages and emails that name it. */
@ApplicationScoped
public class ConfiguredWeeklyDay implements WeeklyDigestDay {

    private final DeliveryConfig config;

    public ConfiguredWeeklyDay(DeliveryConfig config) {
        this.config = config;
    }

    @Override
    public DayOfWeek day() {
        return config.weeklyDay();
    }
}
