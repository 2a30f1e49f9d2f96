package dev.paperdigest.digests;

import dev.paperdigest.support.Admin;
import dev.paperdigest.support.Mailbox;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.notNullValue;

/**
 * The shape of a digest run, not its speed: with transactions cut off after a few seconds, a run
 * for thousands of subscribers whose broad category subscriptions match hundreds of papers each
 * completes, every one of them gets exactly one digest even with another process queueing shards
 * of it, and a run stopped half-way followed by another still gives exactly one each.
 */
@QuarkusTest
@TestProfile(DigestRunAtScaleTest.ShortTransactions.class)
class DigestRunAtScaleTest {

    static final int SUBSCRIBERS = 3000;

    public static class ShortTransactions implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // two connections and small claims, so a run sends slowly enough to be stopped half-way
            // shards of 500, so another process can take part in the queueing
            return Map.of(
                    "quarkus.transaction-manager.default-transaction-timeout",
                    "3s",
                    "digest.delivery.connections",
                    "2",
                    "digest.delivery.batch-size",
                    "50",
                    "digest.delivery.shard-size",
                    "500");
        }
    }

    private final String tag = UUID.randomUUID().toString().substring(0, 6);

    @Inject
    DigestRunner runs;

    @Inject
    ShardQueueing queueing;

    @Inject
    EntityManager em;

    @ConfigProperty(name = "quarkus.datasource.db-kind")
    String dbKind;

    @Test
    void everySubscriberGetsExactlyOneDigestEvenWhenARunIsStoppedHalfWay() {
        importPapers(0, 400);
        List<String> emails = importSubscribers();

        DeadProcessTest.heartbeat("another-process", Instant.now().plus(Duration.ofMinutes(10)));
        int firstRun = DigestDeliveryTest.startRun("2026-12-10");
        // another process joins the run, as every replica's poll does
        CompletableFuture<Void> otherProcess =
                CompletableFuture.runAsync(() -> await("the other process, until the run ends")
                        .atMost(Duration.ofMinutes(3))
                        .pollDelay(Duration.ZERO)
                        .pollInterval(Duration.ofMillis(20))
                        .until(() -> {
                            queueing.joinRunningRuns("another-process");
                            return runs.get(firstRun).finishedAt != null;
                        }));
        JsonPath first = DigestDeliveryTest.awaitRun(firstRun, Duration.ofMinutes(3));
        otherProcess.join();
        assertThat(first.getString("status"), equalTo("SUCCEEDED"));
        long shardsOfTheOther = QuarkusTransaction.requiringNew()
                .call(() -> ((Number) em.createNativeQuery(
                                        "SELECT COUNT(*) FROM queue_shard WHERE run_id = ?1 AND claimed_by = 'another-process' AND status = 'DONE'")
                                .setParameter(1, firstRun)
                                .getSingleResult())
                        .longValue());
        assertThat("the other process queued some of the shards", shardsOfTheOther, greaterThan(0L));
        if (dbKind.startsWith("postgres")) {
            // the senders' claims are planned by the outbox's statistics: the run refreshed them
            Object analysed = QuarkusTransaction.requiringNew()
                    .call(() -> em.createNativeQuery(
                                    "SELECT last_analyze FROM pg_stat_user_tables WHERE relname = 'delivery'")
                            .getSingleResult());
            assertThat(analysed, notNullValue());
        }
        assertThat(first.getInt("queued"), equalTo(SUBSCRIBERS));
        assertThat(first.getInt("sent"), equalTo(SUBSCRIBERS));
        assertExactlyOneDigestEach(emails, "2026-12-10");
        Mailbox.Received digest = Mailbox.of(emails.get(0)).get(0);
        // a category matches about half of the 400 papers: the digest shows 25 and counts the rest
        assertThat(digest.text(), containsString("more matched"));
        assertThat(digest.text().split("\n\\d+\\. ", -1).length - 1, equalTo(25));

        importPapers(400, 200);
        int second = DigestDeliveryTest.startRun("2026-12-11");
        await("200 digests of the second run")
                .atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> countDigests(emails, "2026-12-11"), greaterThanOrEqualTo(200));
        Admin.admin()
                .post("/api/admin/digest-runs/" + second + "/cancel")
                .then()
                .statusCode(202);
        JsonPath cancelled = DigestDeliveryTest.awaitRun(second, Duration.ofMinutes(1));
        assertThat(cancelled.getString("status"), equalTo("CANCELLED"));
        int sentBeforeTheStop = countDigests(emails, "2026-12-11");
        assertThat(sentBeforeTheStop, greaterThan(0));
        assertThat(sentBeforeTheStop, lessThan(SUBSCRIBERS));
        Admin.admin()
                .post("/api/admin/digest-runs/" + second + "/cancel")
                .then()
                .statusCode(409)
                .contentType("application/problem+json");

        JsonPath again = DigestDeliveryTest.awaitRun(DigestDeliveryTest.startRun("2026-12-11"), Duration.ofMinutes(3));
        assertThat(again.getString("status"), equalTo("SUCCEEDED"));
        assertExactlyOneDigestEach(emails, "2026-12-11");
    }

    private void importPapers(int from, int count) {
        StringBuilder lines = new StringBuilder();
        for (int i = from; i < from + count; i++) {
            String categories = i % 2 == 0 ? "[\"cs.LG\"]" : i % 3 == 0 ? "[\"cs.CL\", \"cs.LG\"]" : "[\"cs.CL\"]";
            lines.append("""
                    {"arxiv_id": "2612.%05d", "title": "Scaling study %s number %d", "abstract": "We measure how %s scales, part %d.", "authors": ["Ada Lovelace"], "categories": %s}
                    """.formatted(i, tag, i, tag, i, categories));
        }
        Admin.jsonLines(lines.toString())
                .post("/api/admin/papers/import")
                .then()
                .statusCode(200)
                .body("created", equalTo(count));
    }

    private List<String> importSubscribers() {
        List<String> emails = new ArrayList<>();
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < SUBSCRIBERS; i++) {
            String email = "scale-" + tag + "-" + i + "@example.org";
            emails.add(email);
            lines.append("{\"email\": \"")
                    .append(email)
                    .append("\", \"categories\": [\"")
                    .append(i % 2 == 0 ? "cs.LG" : "cs.CL")
                    .append("\"]}\n");
        }
        Admin.jsonLines(lines.toString())
                .post("/api/admin/subscribers/import?preconfirmed=true")
                .then()
                .statusCode(200)
                .body("created", equalTo(SUBSCRIBERS));
        return emails;
    }

    private static void assertExactlyOneDigestEach(List<String> emails, String period) {
        Map<String, List<String>> digests = Mailbox.messageIdsByRecipient();
        for (String email : emails) {
            List<String> ofPeriod = digests.getOrDefault(email, List.of()).stream()
                    .filter(id -> id.startsWith("<digest." + period + "."))
                    .toList();
            assertThat(email + " gets one digest for " + period, ofPeriod.size(), equalTo(1));
        }
    }

    private static int countDigests(List<String> emails, String period) {
        Map<String, List<String>> digests = Mailbox.messageIdsByRecipient();
        int count = 0;
        for (String email : emails) {
            count += (int) digests.getOrDefault(email, List.of()).stream()
                    .filter(id -> id.startsWith("<digest." + period + "."))
                    .count();
        }
        return count;
    }
}
