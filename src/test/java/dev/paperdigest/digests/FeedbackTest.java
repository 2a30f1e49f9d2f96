package dev.paperdigest.digests;

import dev.paperdigest.subscriptions.LinkPurpose;
import dev.paperdigest.subscriptions.LinkTokens;
import dev.paperdigest.subscriptions.Subscriber;
import dev.paperdigest.support.Admin;
import dev.paperdigest.support.Links;
import dev.paperdigest.support.Mailbox;
import dev.paperdigest.support.PaperIds;
import dev.paperdigest.support.Subscribers;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.paperdigest.digests.DigestDeliveryTest.importPapers;
import static dev.paperdigest.digests.DigestDeliveryTest.runDigests;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

/**
 * "More like this" and "Fewer like this" beside every paper of a digest: opening the link records
 * nothing, its button does; the vote shows on the manage page until forgotten, and it reorders the
 * next digest without changing which papers it holds.
 */
@QuarkusTest
class FeedbackTest {

    private static final String FEEDBACK = "http://localhost:8080/feedback?token=";

    private final String topic = "okapi" + UUID.randomUUID().toString().substring(0, 6);

    @Inject
    LinkTokens tokens;

    @Test
    void everyPaperCarriesBothLinksAndOnlyTheButtonRecordsAVote() {
        String base = PaperIds.base("2611");
        importPapers("""
                [
                  {"paper": {"id": "%1$s1", "title": "Speculative %2$s decoding", "summary": "We study %2$s decoding, twice %2$s.",
                             "authors": [{"name": "Ada Lovelace"}], "publishedAt": "2026-11-27T00:00:00.000Z"}},
                  {"paper": {"id": "%1$s2", "title": "<i>Hostile</i> & %2$s tricks", "summary": "About %2$s.",
                             "authors": [{"name": "Grace Hopper"}], "publishedAt": "2026-11-27T00:00:00.000Z"}}
                ]
                """.formatted(base, topic));
        String email = Subscribers.uniqueEmail("voter");
        Subscribers.signUpAndConfirm(email, topic, "", "");
        runDigests("2026-11-28");
        Mailbox.Received digest = Mailbox.await(email, 2).get(1);

        Set<String> feedbackTokens = new HashSet<>();
        for (String paper : List.of(base + "1", base + "2")) {
            for (String vote : List.of("more", "fewer")) {
                String label = vote.equals("more") ? "More like this" : "Fewer like this";
                Matcher text = Pattern.compile(label + ": " + Pattern.quote(FEEDBACK) + "(\\S+)&paper="
                                + Pattern.quote(paper) + "&vote=" + vote + "\\s")
                        .matcher(digest.text());
                assertThat(label + " of " + paper + " in the text part", text.find(), equalTo(true));
                feedbackTokens.add(text.group(1));
                Matcher html = Pattern.compile("<a href=\"" + Pattern.quote(FEEDBACK) + "(\\S+)&amp;paper="
                                + Pattern.quote(paper) + "&amp;vote=" + vote + "\">[^<]*" + label + "</a>")
                        .matcher(digest.html());
                assertThat(label + " of " + paper + " in the HTML part", html.find(), equalTo(true));
                feedbackTokens.add(html.group(1));
            }
        }
        assertThat("one link token for the whole digest", feedbackTokens.size(), equalTo(1));

        String manage = Links.pathAndQuery(digest.link("http://localhost:8080/manage?token="));
        String likeHostile = Links.pathAndQuery(digest.link(FEEDBACK).replaceFirst("&paper=.*", "")) + "&paper=" + base
                + "2&vote=more";
        // opening the link shows one button and records nothing
        String asked =
                RestAssured.get(likeHostile).then().statusCode(200).extract().asString();
        assertThat(
                asked,
                allOf(
                        containsString("&lt;i&gt;Hostile&lt;/i&gt; &amp; " + topic + " tricks"),
                        containsString("<form class=\"card\" method=\"post\" action=\"/feedback?token="),
                        containsString(">More like this</button>"),
                        not(containsString("<i>Hostile"))));
        assertThat(asked.split("<button", -1).length - 1, equalTo(1));
        assertThat(RestAssured.get(manage).asString(), not(containsString("What your digest learnt")));

        // a page on another site cannot make the browser vote
        RestAssured.given()
                .header("Sec-Fetch-Site", "cross-site")
                .post(likeHostile)
                .then()
                .statusCode(403);
        assertThat(RestAssured.get(manage).asString(), not(containsString("What your digest learnt")));

        // the button records it, and the manage page shows it
        RestAssured.post(likeHostile).then().statusCode(200).body(containsString("now rank higher"));
        String learnt = RestAssured.get(manage).asString();
        assertThat(learnt, containsString("What your digest learnt"));
        assertThat(
                learnt.substring(learnt.indexOf("More like these")),
                containsString("<li>&lt;i&gt;Hostile&lt;/i&gt; &amp; " + topic + " tricks</li>"));
        assertThat(learnt, not(containsString("Fewer like these")));

        // voting again on the same paper replaces the vote
        RestAssured.post(likeHostile.replace("vote=more", "vote=fewer"))
                .then()
                .statusCode(200)
                .body(containsString("now rank lower"));
        learnt = RestAssured.get(manage).asString();
        assertThat(learnt, allOf(containsString("Fewer like these"), not(containsString("More like these"))));
        assertThat(learnt.split("Hostile&lt;/i&gt; &amp; " + topic, -1).length - 1, equalTo(1));

        // an export of the person's data shows it
        Admin.admin()
                .get("/api/admin/subscribers/" + Subscribers.id(email) + "/export")
                .then()
                .statusCode(200)
                .body("votes.arxivId", equalTo(List.of(base + "2")))
                .body("votes.vote", equalTo(List.of("FEWER")));

        // forgetting clears it
        String forgotten = RestAssured.given()
                .redirects()
                .follow(true)
                .post(manage.replace("/manage?", "/manage/forget?"))
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(forgotten, allOf(containsString("Forgotten"), not(containsString("What your digest learnt"))));
    }

    @Test
    void forgedForeignAndRevokedLinksAreRefused() {
        String base = PaperIds.base("2611");
        importPapers("""
                [{"paper": {"id": "%1$s1", "title": "Lonely %2$s", "summary": "About %2$s.", "authors": [{"name": "Ada Lovelace"}]}}]
                """.formatted(base, topic));
        String email = Subscribers.uniqueEmail("forger");
        Subscribers.signUpAndConfirm(email, topic, "", "");
        Subscriber subscriber = subscriber(email);
        String token = tokens.issue(subscriber, LinkPurpose.FEEDBACK);
        String paper = "&paper=" + base + "1&vote=more";
        RestAssured.get("/feedback?token=" + token + paper).then().statusCode(200);

        String forged = token.substring(0, token.length() - 2) + (token.endsWith("AA") ? "BB" : "AA");
        String manageToken = tokens.issue(subscriber, LinkPurpose.MANAGE);
        for (String refused : List.of(
                "/feedback?token=" + forged + paper,
                "/feedback?token=" + manageToken + paper,
                "/feedback?token=" + tokens.issue(subscriber, LinkPurpose.FEED) + paper,
                "/feedback?token=" + token + "&paper=" + base + "9&vote=more",
                "/feedback?token=" + token + "&paper=" + base + "1&vote=maybe",
                "/feedback?" + paper.substring(1))) {
            RestAssured.get(refused).then().statusCode(400).body(containsString("This link is not valid"));
            RestAssured.post(refused).then().statusCode(400).body(containsString("This link is not valid"));
        }
        RestAssured.get("/manage?token=" + token).then().statusCode(400);
        assertThat(
                RestAssured.get("/manage?token=" + manageToken).asString(),
                not(containsString("What your digest learnt")));

        // signing out everywhere kills the feedback links already mailed
        RestAssured.given()
                .redirects()
                .follow(false)
                .post("/manage/revoke?token=" + manageToken)
                .then()
                .statusCode(303);
        RestAssured.get("/feedback?token=" + token + paper).then().statusCode(400);
        RestAssured.post("/feedback?token=" + token + paper).then().statusCode(400);
        String fresh = tokens.issue(subscriber(email), LinkPurpose.MANAGE);
        assertThat(
                RestAssured.get("/manage?token=" + fresh).asString(), not(containsString("What your digest learnt")));

        // a vote, then unsubscribing: it is forgotten, and a link made since records nothing
        RestAssured.post("/feedback?token=" + tokens.issue(subscriber(email), LinkPurpose.FEEDBACK) + paper)
                .then()
                .statusCode(200);
        assertThat(RestAssured.get("/manage?token=" + fresh).asString(), containsString("What your digest learnt"));
        RestAssured.given()
                .formParam("List-Unsubscribe", "One-Click")
                .post("/unsubscribe?token=" + tokens.issue(subscriber(email), LinkPurpose.UNSUBSCRIBE))
                .then()
                .statusCode(200);
        String afterLeaving = tokens.issue(subscriber(email), LinkPurpose.FEEDBACK);
        RestAssured.post("/feedback?token=" + afterLeaving + paper)
                .then()
                .statusCode(404)
                .body(containsString("This subscription has ended"));
        String manageNow = tokens.issue(subscriber(email), LinkPurpose.MANAGE);
        assertThat(
                RestAssured.get("/manage?token=" + manageNow).asString(),
                not(containsString("What your digest learnt")));
    }

    @Test
    void aLikedPapersAuthorAndWordsRiseInTheNextDigestWhichHoldsTheSamePapers() {
        String base = PaperIds.base("2611");
        importPapers("""
                [{"paper": {"id": "%1$s1", "title": "Frequency hopping spread spectrum for %2$s", "summary": "Frequency hopping and spread spectrum radios, for %2$s.",
                            "authors": [{"name": "Hedy Lamarr"}], "publishedAt": "2026-11-27T00:00:00.000Z"}}]
                """.formatted(base, topic));
        String voter = Subscribers.uniqueEmail("liker");
        String control = Subscribers.uniqueEmail("control");
        Subscribers.signUpAndConfirm(voter, topic, "", "");
        Subscribers.signUpAndConfirm(control, topic, "", "");
        runDigests("2026-11-28");
        Mailbox.Received first = Mailbox.await(voter, 2).get(1);
        Mailbox.await(control, 2);
        String likeLink = Links.pathAndQuery(first.link(FEEDBACK).replaceFirst("&paper=.*", "")) + "&paper=" + base
                + "1&vote=more";
        RestAssured.post(likeLink).then().statusCode(200);

        // two new papers: the first a little more relevant (shorter), the second by the same author on the same radios
        importPapers("""
                [
                  {"paper": {"id": "%1$s2", "title": "Sharper %2$s estimates", "summary": "About %2$s.",
                             "authors": [{"name": "Someone Else"}], "publishedAt": "2026-11-28T00:00:00.000Z"}},
                  {"paper": {"id": "%1$s3", "title": "Spread spectrum frequency hopping for %2$s", "summary": "Hopping radios meet %2$s.",
                             "authors": [{"name": "H. Lamarr"}], "publishedAt": "2026-11-28T00:00:00.000Z"}}
                ]
                """.formatted(base, topic));
        runDigests("2026-11-29");
        Mailbox.Received unswayed = Mailbox.await(control, 3).get(2);
        Mailbox.Received swayed = Mailbox.await(voter, 3).get(2);

        String sharper = "Sharper " + topic + " estimates";
        String radios = "Spread spectrum frequency hopping for " + topic;
        assertThat(unswayed.text().indexOf(sharper), lessThan(unswayed.text().indexOf(radios)));
        assertThat(swayed.text().indexOf(sharper), greaterThan(swayed.text().indexOf(radios)));
        assertThat("the same papers", swayed.subject(), equalTo(unswayed.subject()));
        assertThat(swayed.subject(), startsWith("2 new papers"));
    }

    private static Subscriber subscriber(String email) {
        return QuarkusTransaction.requiringNew()
                .call(() -> Subscriber.findByEmail(email).orElseThrow());
    }
}
