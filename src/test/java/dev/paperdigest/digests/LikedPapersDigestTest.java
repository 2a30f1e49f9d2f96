package dev.paperdigest.digests;

import dev.paperdigest.support.Links;
import dev.paperdigest.support.Mailbox;
import dev.paperdigest.support.PaperIds;
import dev.paperdigest.support.Subscribers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static dev.paperdigest.digests.DigestDeliveryTest.importPapers;
import static dev.paperdigest.digests.DigestDeliveryTest.runDigests;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

/** Someone who likes a paper signs up through the form and gets the new papers like it, told why. */
@QuarkusTest
class LikedPapersDigestTest {

    /** Made-up words, so other test classes' papers are never similar to these. */
    private final String topic = "quoll" + UUID.randomUUID().toString().substring(0, 6);

    private final String second = "bilby" + UUID.randomUUID().toString().substring(0, 6);

    @Test
    void aDigestBringsPapersLikeTheLikedOneSayingWhichItIsLike() {
        String base = PaperIds.base("2611");
        importPapers("""
                [{"paper": {"id": "%1$s1", "title": "<b>%2$s</b> dens & %3$s nests in arid scrub", "summary": "We survey %2$s dens and %3$s nests across arid scrub, and how %2$s populations recover after fire.",
                            "authors": [{"name": "Ada Lovelace"}], "publishedAt": "2026-11-27T00:00:00.000Z"}}]
                """.formatted(base, topic, second));

        String email = Subscribers.uniqueEmail("liker");
        Subscribers.postLikedPapers(email, "https://arxiv.org/abs/" + base + "1v1")
                .statusCode(200)
                .body(containsString("Check your inbox"));
        Subscribers.confirm(Mailbox.await(email, 1).get(0));

        importPapers("""
                [{"paper": {"id": "%1$s2", "title": "How %2$s populations recover after fire", "summary": "Counting %2$s dens and %3$s nests in arid scrub, before and after fire.",
                            "authors": [{"name": "Grace Hopper"}], "publishedAt": "2026-11-27T00:00:00.000Z"}},
                 {"paper": {"id": "%1$s3", "title": "Protein folding with geometric networks", "summary": "Structures of proteins predicted from single sequences.",
                            "authors": [{"name": "Someone Else"}], "publishedAt": "2026-11-27T00:00:00.000Z"}}]
                """.formatted(base, topic, second));

        assertThat(runDigests("2026-11-28").status(), equalTo("SUCCEEDED"));
        Mailbox.Received digest = Mailbox.await(email, 2).get(1);
        assertThat(digest.subject(), containsString("1 new paper for you"));
        assertThat(
                digest.text(),
                allOf(
                        containsString("How " + topic + " populations recover after fire"),
                        containsString("similar to <b>" + topic + "</b> dens & " + second + " nests in arid scrub"),
                        // the liked paper is the reason, never an entry of its own
                        not(containsString("https://arxiv.org/abs/" + base + "1")),
                        not(containsString("Protein folding"))));
        // the liked paper's title is untrusted text: escaped in the HTML part
        assertThat(
                digest.html(),
                allOf(
                        containsString("similar to &lt;b&gt;" + topic + "&lt;/b&gt; dens &amp; " + second),
                        not(containsString("<b>" + topic))));

        // the feed has the similar paper, not the liked one
        String feed = RestAssured.get(Links.pathAndQuery(digest.link("http://localhost:8080/feed?token=")))
                .asString();
        assertThat(
                feed,
                allOf(
                        containsString("How " + topic + " populations recover after fire"),
                        not(containsString("https://arxiv.org/abs/" + base + "1"))));
    }
}
