package dev.paperdigest.subscriptions;

import dev.paperdigest.common.LimitsConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * Counts previews per client network (as {@link SubscribeRateLimiter} counts it) and clock
 * minute, in memory: a preview sends no mail and changes nothing, so the limit only guards this
 * process's CPU, and a person typing asks for one every pause. At most {@link #MAX_CLIENTS}
 * networks are counted a minute; beyond that, new ones wait for the next minute.
 */
@ApplicationScoped
public class PreviewRateLimiter {

    static final int MAX_CLIENTS = 20_000;
    private static final long MINUTE_MILLIS = 60_000L;

    private final LimitsConfig config;
    private final Clock clock;
    private final Map<String, Integer> counts = new HashMap<>();
    private long minute = Long.MIN_VALUE;

    public PreviewRateLimiter(LimitsConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    /** Counts one preview; false once the client's network is over its limit for this minute. */
    public boolean allow(String clientAddress) {
        return allow(clientAddress, config.previewsPerIpPerMinute(), clock.millis());
    }

    synchronized boolean allow(String clientAddress, int limitPerMinute, long nowMillis) {
        long now = Math.floorDiv(nowMillis, MINUTE_MILLIS);
        if (now != minute) {
            minute = now;
            counts.clear();
        }
        String client = SubscribeRateLimiter.network(clientAddress);
        Integer count = counts.get(client);
        if (count == null && counts.size() >= MAX_CLIENTS) {
            return false;
        }
        int next = count == null ? 1 : count + 1;
        counts.put(client, next);
        return next <= limitPerMinute;
    }
}
