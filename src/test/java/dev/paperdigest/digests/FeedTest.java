package dev.paperdigest.digests;

import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndPerson;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import dev.paperdigest.subscriptions.LinkPurpose;
import dev.paperdigest.subscriptions.LinkTokens;
import dev.paperdigest.subscriptions.Subscriber;
import dev.paperdigest.support.Admin;
import dev.paperdigest.support.AtomDocument;
import dev.paperdigest.support.Links;
import dev.paperdigest.support.Mailbox;
import dev.paperdigest.support.MovableClock;
import dev.paperdigest.support.PaperIds;
import dev.paperdigest.support.Subscribers;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

/**
 * The personal Atom feed at {@code /feed?token=}, read by an XML parser as a feed reader would
 * ({@link AtomDocument}): the subscriber's matches of the last 30 days, newest first, untrusted
 * text escaped; only a feed link opens it, and someone who left has none.
 */
@QuarkusTest
@TestProfile(FeedTest.MovableTime.class)
class FeedTest {

    /** Days pass on the service's clock ({@link MovableClock}). */
    public static class MovableTime implements QuarkusTestProfile {
        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(MovableClock.class);
        }
    }

    static final String HOSTILE_TITLE = "</title><script>alert(1)</script> & ]]> <![CDATA[x]]>";

    private final String topic = "wombat" + UUID.randomUUID().toString().substring(0, 6);

    @Inject
    LinkTokens tokens;

    @AfterEach
    void backToNow() {
        MovableClock.reset();
    }

    @Test
    void theFeedListsTheMatchesOfTheLast30DaysNewestFirst() {
        Instant now = Instant.now();
        String base = PaperIds.base("2612");
        importJsonLines(
                paper(
                        base + "1",
                        HOSTILE_TITLE + " " + topic,
                        "An <b>abstract</b> & \"more\" on " + topic + ".",
                        now.minus(Duration.ofDays(3)),
                        "cs.CL",
                        "cs.LG"),
                paper(base + "2", "Second " + topic, "More on " + topic + ".", now.minus(Duration.ofDays(1)), "cs.AI"),
                paper(base + "3", "Protein folding", "Nothing for them.", now, "q-bio.BM"));
        String email = Subscribers.uniqueEmail("feed-reader");
        Subscribers.signUpAndConfirm(email, topic, "", "");
        DigestDeliveryTest.runDigests(LocalDate.now(ZoneOffset.UTC).toString());
        Mailbox.Received digest = Mailbox.await(email, 2).get(1);
        String feed = Links.pathAndQuery(digest.link("http://localhost:8080/feed?token="));
        assertThat(digest.html(), containsString(digest.link("http://localhost:8080/feed?token=")));

        Response answer = RestAssured.get(feed);
        answer.then().statusCode(200).contentType(startsWith("application/atom+xml"));
        String raw = answer.asString();
        assertThat(raw, allOf(not(containsString("<script>")), not(containsString("</title><script>"))));
        AtomDocument atom = AtomDocument.parse(answer.asByteArray());
        assertThat(atom.link("self"), equalTo("http://localhost:8080" + feed));
        assertThat(atom.link("alternate"), equalTo("http://localhost:8080/"));
        assertThat(
                ids(atom),
                equalTo(List.of("https://arxiv.org/abs/" + base + "2", "https://arxiv.org/abs/" + base + "1")));
        AtomDocument.Entry hostile = atom.entries.get(1);
        assertThat(hostile.title(), equalTo(HOSTILE_TITLE + " " + topic));
        assertThat(hostile.summary(), equalTo("An <b>abstract</b> & \"more\" on " + topic + "."));
        assertThat(hostile.authors(), equalTo(List.of("Ada Lovelace", "Alan Turing")));
        assertThat(hostile.categories(), equalTo(List.of("cs.CL", "cs.LG")));
        assertThat(hostile.alternate(), equalTo("https://arxiv.org/abs/" + base + "1"));
        assertThat(atom.text("updated"), equalTo(atom.entries.get(0).updated()));
        // and as a feed reader's library reads it
        SyndFeed read = readByRome(answer.asByteArray());
        assertThat(read.getFeedType(), equalTo("atom_1.0"));
        assertThat(
                read.getEntries().stream().map(SyndEntry::getLink).toList(),
                equalTo(List.of("https://arxiv.org/abs/" + base + "2", "https://arxiv.org/abs/" + base + "1")));
        SyndEntry readHostile = read.getEntries().get(1);
        assertThat(readHostile.getTitle(), equalTo(HOSTILE_TITLE + " " + topic));
        assertThat(readHostile.getDescription().getValue(), equalTo("An <b>abstract</b> & \"more\" on " + topic + "."));
        assertThat(
                readHostile.getAuthors().stream().map(SyndPerson::getName).toList(),
                equalTo(List.of("Ada Lovelace", "Alan Turing")));

        // twenty days on, a new paper (not taken into a digest yet) heads the feed
        MovableClock.moveAhead(Duration.ofDays(20));
        importJsonLines(
                paper(base + "4", "Third " + topic, "Still " + topic + ".", now.plus(Duration.ofDays(19)), "cs.CL"));
        assertThat(
                ids(AtomDocument.parse(RestAssured.get(feed).asByteArray())),
                equalTo(List.of(
                        "https://arxiv.org/abs/" + base + "4",
                        "https://arxiv.org/abs/" + base + "2",
                        "https://arxiv.org/abs/" + base + "1")));

        // 31 days after the first two entered matching, they have left the feed
        MovableClock.moveAhead(Duration.ofDays(31));
        assertThat(
                ids(AtomDocument.parse(RestAssured.get(feed).asByteArray())),
                equalTo(List.of("https://arxiv.org/abs/" + base + "4")));
    }

    @Test
    void onlyAFeedLinkOpensTheFeedAndItOpensNothingElse() {
        String email = Subscribers.uniqueEmail("feed-purpose");
        Mailbox.Received confirmation = Subscribers.signUpAndConfirm(email, topic, "", "");
        Subscriber subscriber = subscriber(email);
        String feedToken = tokens.issue(subscriber, LinkPurpose.FEED);
        RestAssured.get("/feed?token=" + feedToken).then().statusCode(200);

        for (LinkPurpose other : List.of(LinkPurpose.MANAGE, LinkPurpose.UNSUBSCRIBE, LinkPurpose.CONFIRM)) {
            RestAssured.get("/feed?token=" + tokens.issue(subscriber, other))
                    .then()
                    .statusCode(400)
                    .contentType(startsWith("text/html"))
                    .body(containsString("This link is not valid"));
        }
        RestAssured.get("/manage?token=" + feedToken).then().statusCode(400);
        RestAssured.get("/digest/preview?token=" + feedToken).then().statusCode(400);
        RestAssured.get("/unsubscribe?token=" + feedToken).then().statusCode(400);
        RestAssured.given()
                .formParam("List-Unsubscribe", "One-Click")
                .post("/unsubscribe?token=" + feedToken)
                .then()
                .statusCode(400);
        RestAssured.post("/confirm?token=" + feedToken).then().statusCode(400);
        assertThat(status(email), equalTo("ACTIVE"));
        RestAssured.get("/feed").then().statusCode(400).body(containsString("This link is not valid"));
        String forged = feedToken.substring(0, feedToken.length() - 2) + (feedToken.endsWith("AA") ? "BB" : "AA");
        RestAssured.get("/feed?token=" + forged).then().statusCode(400);

        // the manage page links to the feed; the link it gives opens it
        String manage = Links.pathAndQuery(confirmation.link("http://localhost:8080/manage?token="));
        Matcher link = Pattern.compile("href=\"http://localhost:8080(/feed\\?token=[^\"]+)\"")
                .matcher(RestAssured.get(manage).asString());
        assertThat(link.find(), equalTo(true));
        RestAssured.get(link.group(1)).then().statusCode(200).contentType(startsWith("application/atom+xml"));

        // a feed link works for a year, then says it has expired
        MovableClock.moveAhead(Duration.ofDays(366));
        RestAssured.get("/feed?token=" + feedToken)
                .then()
                .statusCode(410)
                .contentType(startsWith("text/html"))
                .body(containsString("This link has expired"));
    }

    @Test
    void anUnsubscribedPersonsFeedAnswersNothing() {
        String base = PaperIds.base("2612");
        importJsonLines(paper(base + "5", "Gone " + topic, "On " + topic + ".", Instant.now(), "cs.CL"));
        String email = Subscribers.uniqueEmail("feed-leaver");
        Mailbox.Received confirmation = Subscribers.signUpAndConfirm(email, topic, "", "");
        String feed = "/feed?token=" + tokens.issue(subscriber(email), LinkPurpose.FEED);
        assertThat(RestAssured.get(feed).asString(), containsString("Gone " + topic));

        String header = confirmation.header("List-Unsubscribe");
        RestAssured.given()
                .formParam("List-Unsubscribe", "One-Click")
                .post(Links.pathAndQuery(header.substring(1, header.length() - 1)))
                .then()
                .statusCode(200);

        // the link they had was revoked as they left
        RestAssured.get(feed).then().statusCode(400).body(not(containsString(topic)));
        // and a feed link made after they left opens nothing either
        RestAssured.get("/feed?token=" + tokens.issue(subscriber(email), LinkPurpose.FEED))
                .then()
                .statusCode(404)
                .contentType(startsWith("text/html"))
                .body(containsString("This subscription has ended"), not(containsString(topic)));
    }

    private static List<String> ids(AtomDocument atom) {
        return atom.entries.stream().map(AtomDocument.Entry::id).toList();
    }

    private static Subscriber subscriber(String email) {
        return QuarkusTransaction.requiringNew()
                .call(() -> Subscriber.findByEmail(email).orElseThrow());
    }

    private static String paper(String id, String title, String summary, Instant published, String... categories) {
        return "{\"arxiv_id\": " + json(id) + ", \"title\": " + json(title) + ", \"abstract\": " + json(summary)
                + ", \"authors\": [\"Ada Lovelace\", \"Alan Turing\"], \"categories\": ["
                + String.join(
                        ", ", List.of(categories).stream().map(FeedTest::json).toList())
                + "], \"published\": \"" + published + "\"}";
    }

    private static String json(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static SyndFeed readByRome(byte[] xml) {
        try {
            return new SyndFeedInput().build(new XmlReader(new java.io.ByteArrayInputStream(xml)));
        } catch (FeedException | java.io.IOException e) {
            throw new AssertionError("ROME cannot read the feed: " + e.getMessage(), e);
        }
    }

    private static void importJsonLines(String... lines) {
        Admin.admin()
                .contentType("application/x-ndjson")
                .body(String.join("\n", lines).getBytes(StandardCharsets.UTF_8))
                .post("/api/admin/papers/import")
                .then()
                .statusCode(200)
                .body("rejected.size()", equalTo(0));
    }

    private static String status(String email) {
        return Admin.admin()
                .get("/api/admin/subscribers/" + Subscribers.id(email))
                .path("status");
    }
}
