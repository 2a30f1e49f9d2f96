package dev.paperdigest.subscriptions;

import dev.paperdigest.common.Database;
import dev.paperdigest.common.LimitsConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Counts sign-up posts per client network and clock hour, in the database, so every replica
 * counts against one limit. An IPv6 client counts by its /64, which one subscriber line gets
 * whole. The address is the connection's, or the forwarded one where Quarkus is told to trust
 * the proxy ({@code quarkus.http.proxy.*}, see the README).
 */
@ApplicationScoped
public class SubscribeRateLimiter {

    private static final long HOUR_MILLIS = 3_600_000L;
    private static final Pattern LITERAL = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private final EntityManager em;
    private final LimitsConfig config;
    private final Clock clock;
    private final boolean postgres;

    public SubscribeRateLimiter(EntityManager em, LimitsConfig config, Clock clock, Database database) {
        this.em = em;
        this.config = config;
        this.clock = clock;
        this.postgres = database.isPostgres();
    }

    /** Counts one post; false once the client's network is over its hourly limit. */
    public boolean allow(String clientAddress) {
        return allow(clientAddress, config.subscribePerIpPerHour(), clock.instant());
    }

    boolean allow(String clientAddress, int limitPerHour, Instant now) {
        String client = network(clientAddress);
        long hour = now.toEpochMilli() / HOUR_MILLIS;
        for (int attempt = 1; ; attempt++) {
            try {
                return QuarkusTransaction.requiringNew().call(() -> count(client, hour)) <= limitPerHour;
            } catch (RuntimeException e) {
                if (attempt == 2) {
                    throw e; // another replica inserted the same row at the same moment: the retry finds it
                }
            }
        }
    }

    private int count(String client, long hour) {
        if (postgres) {
            // one round trip: every post of a busy network updates this one row, so the time the
            // row is locked is what the network's next post waits for
            return ((Number) em.createNativeQuery(
                                    "INSERT INTO sign_up_count (client, clock_hour, posts) VALUES (?1, ?2, 1)"
                                            + " ON CONFLICT (client, clock_hour) DO UPDATE SET posts = sign_up_count.posts + 1"
                                            + " RETURNING posts")
                            .setParameter(1, client)
                            .setParameter(2, hour)
                            .getSingleResult())
                    .intValue();
        }
        int updated = em.createNativeQuery(
                        "UPDATE sign_up_count SET posts = posts + 1 WHERE client = ?1 AND clock_hour = ?2")
                .setParameter(1, client)
                .setParameter(2, hour)
                .executeUpdate();
        if (updated == 0) {
            em.createNativeQuery("INSERT INTO sign_up_count (client, clock_hour, posts) VALUES (?1, ?2, 1)")
                    .setParameter(1, client)
                    .setParameter(2, hour)
                    .executeUpdate();
            return 1;
        }
        return ((Number) em.createNativeQuery("SELECT posts FROM sign_up_count WHERE client = ?1 AND clock_hour = ?2")
                        .setParameter(1, client)
                        .setParameter(2, hour)
                        .getSingleResult())
                .intValue();
    }

    /** Keeps the table to the current and the last hour. */
    @Scheduled(identity = "sign-up-count-pruning", every = "10m", delayed = "1m")
    void prune() {
        prune(clock.instant());
    }

    int prune(Instant now) {
        long previousHour = now.toEpochMilli() / HOUR_MILLIS - 1;
        return QuarkusTransaction.requiringNew()
                .call(() -> em.createNativeQuery("DELETE FROM sign_up_count WHERE clock_hour < ?1")
                        .setParameter(1, previousHour)
                        .executeUpdate());
    }

    /** The address as counted: IPv4 whole, IPv6 by its first 64 bits. */
    static String network(String clientAddress) {
        if (!LITERAL.matcher(clientAddress).matches()) {
            // not an IP literal (a Unix socket, say), and never looked up: counted as it is
            return clientAddress.length() > 64 ? clientAddress.substring(0, 64) : clientAddress;
        }
        try {
            InetAddress address = InetAddress.getByName(clientAddress.strip());
            if (address instanceof Inet6Address) {
                byte[] bytes = address.getAddress();
                return HexFormat.of().formatHex(bytes, 0, 8) + "::/64";
            }
            return address.getHostAddress();
        } catch (UnknownHostException e) {
            return clientAddress.substring(0, Math.min(64, clientAddress.length()));
        }
    }
}
