package dev.paperdigest.subscriptions;

import dev.paperdigest.common.DigestConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;

/**
 * Counts subscribe posts per client address per clock hour. Kept in memory: with several
 * replicas each allows the limit, which still bounds a flood by the replica count.
 */
@ApplicationScoped
public class SubscribeRateLimiter {

    private record Window(long hour, int count) {
    }

    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();
    private final IntSupplier limitPerHour;
    private final Clock clock;

    @Inject
    public SubscribeRateLimiter(DigestConfig config, Clock clock) {
        this(() -> config.limits().subscribePerIpPerHour(), clock);
    }

    SubscribeRateLimiter(IntSupplier limitPerHour, Clock clock) {
        this.limitPerHour = limitPerHour;
        this.clock = clock;
    }

    /** Counts one post; false once the address is over its hourly limit. */
    public boolean allow(String clientAddress) {
        long hour = clock.millis() / 3_600_000L;
        if (windows.size() > 100_000) {
            windows.values().removeIf(w -> w.hour() != hour);
        }
        Window window = windows.merge(clientAddress, new Window(hour, 1),
                (old, one) -> old.hour() == hour ? new Window(hour, old.count() + 1) : one);
        return window.count() <= limitPerHour.getAsInt();
    }
}
