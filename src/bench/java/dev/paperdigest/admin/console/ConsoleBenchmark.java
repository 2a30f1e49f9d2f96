package dev.paperdigest.admin.console;

import dev.paperdigest.support.Admin;
import dev.paperdigest.support.TestDatabase;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.hibernate.Session;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;

/**
 * Figure 5 of docs/PERFORMANCE.md: the console at /admin over 100,000 subscribers (a year of sign-ups,
 * confirmations, departures and bounces), 20,000 papers and a digest a day for each subscriber over the
 * last 30 days (3,000,000 deliveries, 0.5% failed), on H2 or PostgreSQL depending on the surefire
 * pass. Not part of the normal build (tag {@code benchmark}); the command is in docs/PERFORMANCE.md.
 */
@QuarkusTest
@Tag("benchmark")
@WithTestResource(ConsoleBenchmarkResource.class)
class ConsoleBenchmark {

    static final int SUBSCRIBERS = Integer.getInteger("bench.subscribers", 100_000);
    static final int DAYS_OF_DIGESTS = Integer.getInteger("bench.days", 30);
    static final int PAPERS = 20_000;
    static final int RUNS = Integer.getInteger("bench.runs", 10);
    static final int BATCH = 5_000;

    @Inject
    EntityManager em;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aPageOverAYearOfSubscribersAndMillionsOfDeliveries() throws Exception {
        Instant now = Instant.now();
        long seedStart = System.nanoTime();
        long deliveries = (long) SUBSCRIBERS * DAYS_OF_DIGESTS;
        if (rows("delivery") != deliveries || !seededToday()) {
            for (String table : List.of("delivery", "subscriber", "paper")) {
                QuarkusTransaction.requiringNew()
                        .run(() -> em.createNativeQuery("DELETE FROM " + table).executeUpdate());
            }
            seedSubscribers(now);
            seedPapers(now);
            seedDeliveries(now);
        }
        analyse();
        double seeded = (System.nanoTime() - seedStart) / 1e9;

        double first = load();
        List<Double> warm = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            warm.add(load());
        }
        warm.sort(null);
        String database = TestDatabase.isPostgres() ? "postgresql" : "h2";
        String report = String.format(
                Locale.ROOT,
                "console benchmark on %s: %,d subscribers, %,d papers, %,d deliveries (seeded or checked in %.0f s)%n"
                        + "first page (past days counted): %.0f ms%n"
                        + "next %d pages: median %.0f ms, min %.0f, max %.0f%n",
                database,
                SUBSCRIBERS,
                PAPERS,
                deliveries,
                seeded,
                first,
                RUNS,
                warm.get(warm.size() / 2),
                warm.get(0),
                warm.get(warm.size() - 1));
        System.out.print(report);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "benchmark-console-" + database + ".txt"), report);
    }

    private long rows(String table) {
        return QuarkusTransaction.requiringNew()
                .call(() -> ((Number) em.createNativeQuery("SELECT COUNT(*) FROM " + table)
                                .getSingleResult())
                        .longValue());
    }

    /** The deliveries of a database seeded on another day would lie partly outside the days shown. */
    private boolean seededToday() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        return QuarkusTransaction.requiringNew()
                                .call(() -> em.createNativeQuery("SELECT COUNT(*) FROM delivery WHERE period = ?1")
                                        .setParameter(1, today.toString())
                                        .getSingleResult())
                        instanceof Number n
                && n.longValue() == SUBSCRIBERS;
    }

    private static double load() {
        long start = System.nanoTime();
        String page =
                Admin.admin().get("/admin").then().statusCode(200).extract().asString();
        double ms = (System.nanoTime() - start) / 1e6;
        assertThat(page, containsString("Subscribers by status"));
        return ms;
    }

    /** Signed up over the last year: 10% still pending, 15% left, 5% bounced, the rest active. */
    private void seedSubscribers(Instant now) {
        Random random = new Random(5);
        inBatches(
                "INSERT INTO subscriber (id, public_id, email, status, frequency, send_hour, time_zone, created_at, "
                        + "confirmed_at, unsubscribed_at, last_bounce_at, hard_bounces) VALUES (?, ?, ?, ?, 'DAILY', 8, 'UTC', ?, ?, ?, ?, ?)",
                SUBSCRIBERS,
                (insert, i) -> {
                    Instant created = now.minusSeconds(random.nextInt(365 * 86_400));
                    int kind = random.nextInt(100);
                    String status =
                            kind < 10 ? "PENDING" : kind < 25 ? "UNSUBSCRIBED" : kind < 30 ? "BOUNCED" : "ACTIVE";
                    // people confirm within a day or two, if at all
                    Instant confirmed = status.equals("PENDING")
                            ? null
                            : earliest(created.plusSeconds(random.nextInt(2 * 86_400)), now);
                    insert.setLong(1, i + 1);
                    insert.setString(2, "p" + i);
                    insert.setString(3, "reader" + i + "@example.org");
                    insert.setString(4, status);
                    insert.setObject(5, utc(created));
                    insert.setObject(6, utc(confirmed));
                    insert.setObject(7, status.equals("UNSUBSCRIBED") ? utc(later(confirmed, now, random)) : null);
                    insert.setObject(8, status.equals("BOUNCED") ? utc(later(confirmed, now, random)) : null);
                    insert.setInt(9, status.equals("BOUNCED") ? 2 : 0);
                });
    }

    private void seedPapers(Instant now) {
        Random random = new Random(7);
        inBatches(
                "INSERT INTO paper (id, arxiv_id, title, abstract_text, authors, categories, sources, listed_on, "
                        + "first_seen_at, last_seen_at) VALUES (?, ?, ?, 'An abstract.', 'Ada Lovelace', 'cs.LG', ?, ?, ?, ?)",
                PAPERS,
                (insert, i) -> {
                    Instant seen = now.minusSeconds(random.nextInt(365 * 86_400));
                    insert.setLong(1, i + 1);
                    insert.setString(2, "2501." + String.format(Locale.ROOT, "%05d", i));
                    insert.setString(3, "Paper " + i);
                    insert.setString(4, random.nextInt(3) == 0 ? "hf arxiv" : "arxiv");
                    insert.setObject(5, LocalDate.ofInstant(seen, ZoneOffset.UTC));
                    insert.setObject(6, utc(seen));
                    insert.setObject(7, utc(seen));
                });
    }

    /** Every subscriber's digest of each of the last days, sent during that day; 1 in 200 failed. */
    private void seedDeliveries(Instant now) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        int count = SUBSCRIBERS * DAYS_OF_DIGESTS;
        inBatches(
                "INSERT INTO delivery (id, subscriber_id, period, status, paper_count, attempts, last_error, message_id, "
                        + "created_at, next_attempt_at, claimed_at, sent_at) VALUES (?, ?, ?, ?, 5, 1, ?, ?, ?, ?, ?, ?)",
                count,
                (insert, i) -> {
                    int subscriber = i % SUBSCRIBERS + 1;
                    LocalDate day = today.minusDays(i / SUBSCRIBERS);
                    Instant at = day.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(subscriber % 86_400);
                    if (at.isAfter(now)) {
                        at = now;
                    }
                    boolean failed = i % 200 == 0;
                    insert.setLong(1, i + 1L);
                    insert.setLong(2, subscriber);
                    insert.setString(3, day.toString());
                    insert.setString(4, failed ? "FAILED" : "SENT");
                    insert.setString(5, failed ? "550 5.1.1 no such user" : null);
                    insert.setString(6, "<" + subscriber + "." + day + "@digest.example.org>");
                    insert.setObject(7, utc(at));
                    insert.setObject(8, utc(at));
                    insert.setObject(9, utc(at));
                    insert.setObject(10, failed ? null : utc(at));
                });
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Instant later(Instant after, Instant now, Random random) {
        long room = Duration.between(after, now).toSeconds();
        return room <= 0 ? after : after.plusSeconds((long) (random.nextDouble() * room));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    interface Row {
        void fill(PreparedStatement insert, int i) throws Exception;
    }

    private void inBatches(String sql, int rows, Row row) {
        for (int from = 0; from < rows; from += BATCH) {
            int start = from;
            QuarkusTransaction.requiringNew()
                    .run(() -> em.unwrap(Session.class).doWork(connection -> {
                        try (PreparedStatement insert = connection.prepareStatement(sql)) {
                            for (int i = start; i < Math.min(rows, start + BATCH); i++) {
                                row.fill(insert, i);
                                insert.addBatch();
                            }
                            insert.executeBatch();
                        } catch (java.sql.SQLException e) {
                            throw e;
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }));
        }
    }

    /** PostgreSQL plans by its statistics and reads index-only where its visibility map allows, both kept up by autovacuum in a real database. */
    private void analyse() throws java.sql.SQLException {
        if (TestDatabase.isPostgres()) {
            try (Connection connection = dataSource.getConnection();
                    Statement s = connection.createStatement()) {
                connection.setAutoCommit(true);
                s.execute("VACUUM ANALYZE");
            }
        }
    }
}
