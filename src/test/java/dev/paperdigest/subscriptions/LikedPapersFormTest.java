package dev.paperdigest.subscriptions;

import dev.paperdigest.support.Admin;
import dev.paperdigest.support.Links;
import dev.paperdigest.support.Mailbox;
import dev.paperdigest.support.PaperIds;
import dev.paperdigest.support.Subscribers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

/**
 * "Papers like these" on the forms, the preview and the import. arXiv look-ups are off in this
 * profile, so a paper Paper Digest does not have is refused (LikedPapersFromArxivTest fetches them).
 */
@QuarkusTest
class LikedPapersFormTest {

    /** Made-up words, so other test classes' papers are never similar to these. */
    private final String topic = "wombat" + UUID.randomUUID().toString().substring(0, 6);

    private final String second = "numbat" + UUID.randomUUID().toString().substring(0, 6);

    /** A liked paper, a paper like it and an unrelated one; their arXiv ids. */
    private String[] papers() {
        String base = PaperIds.base("2612");
        String json = """
                {"arxiv_id": "%1$s1", "title": "<i>%2$s</i> burrows and %3$s tunnels", "abstract": "We map %2$s burrows and %3$s tunnels dug under dry grassland, and count the %2$s colonies."}
                {"arxiv_id": "%1$s2", "title": "Counting %2$s colonies by their burrows", "abstract": "A survey of %2$s burrows and %3$s tunnels: colonies counted from the air."}
                {"arxiv_id": "%1$s3", "title": "Protein folding with geometric networks", "abstract": "Structures of proteins predicted from single sequences."}
                """.formatted(base, topic, second);
        Admin.jsonLines(json)
                .post("/api/admin/papers/import")
                .then()
                .statusCode(200)
                .body("created", equalTo(3))
                .body("rejected", hasSize(0));
        return new String[] {base + "1", base + "2", base + "3"};
    }

    @Test
    void anyFormOfAnArxivIdOrLinkIsFollowedAsItsBaseId() {
        String[] ids = papers();
        String email = Subscribers.uniqueEmail("liker");
        Subscribers.postLikedPapers(
                        email,
                        "https://arxiv.org/abs/" + ids[0] + "v2\n\narXiv:" + ids[1] + "\nhttps://arxiv.org/pdf/"
                                + ids[0] + "v1")
                .statusCode(200)
                .body(containsString("Check your inbox"));
        Mailbox.Received confirmation = Mailbox.await(email, 1).get(0);
        assertThat(confirmation.text(), allOf(containsString("papers like arXiv " + ids[0]), containsString(ids[1])));
        Admin.admin()
                .get("/api/admin/subscribers/" + Subscribers.id(email))
                .then()
                .body("subscriptions.kind", containsInAnyOrder("SIMILAR", "SIMILAR"))
                .body("subscriptions.query", containsInAnyOrder(ids[0], ids[1]));

        // the manage page shows them back, one per line
        String manage = Links.pathAndQuery(confirmation.link("http://localhost:8080/manage?token="));
        RestAssured.get(manage)
                .then()
                .statusCode(200)
                .body(containsString(">" + ids[0] + "\n" + ids[1] + "</textarea>"));
    }

    @Test
    void badLinesAreRefusedNextToTheField() {
        String email = Subscribers.uniqueEmail("typo");
        Subscribers.postLikedPapers(email, "not-an-id\n<b>2401</b>")
                .statusCode(400)
                .body(
                        containsString("id=\"papers-error-1\""),
                        containsString("Paper &quot;not-an-id&quot; is not an arXiv id or link"),
                        containsString("Paper &quot;&lt;b&gt;2401&lt;/b&gt;&quot; is not an arXiv id or link"),
                        not(containsString("<b>2401</b>")),
                        containsString(
                                "name=\"papers\" placeholder=\"2401.01234&#10;https://arxiv.org/abs/1706.03762\" aria-invalid=\"true\""));
        // arXiv look-ups are off here: a paper Paper Digest lacks cannot be followed, and the form says so
        Subscribers.postLikedPapers(email, "2401.99999")
                .statusCode(400)
                .body(
                        containsString(
                                "Paper &quot;2401.99999&quot; is not in Paper Digest, and looking papers up on arXiv is turned off here."));
        String many = IntStream.range(0, 21)
                .mapToObj(i -> String.format("2401.%05d", i))
                .collect(Collectors.joining("\n"));
        Subscribers.postLikedPapers(email, many).statusCode(400).body(containsString("At most 20 papers, please."));
        Mailbox.assertNoMoreArrive(email, 0);
    }

    @Test
    void thePreviewShowsWhatALikedPaperWouldHaveFound() {
        String[] ids = papers();
        String html = RestAssured.given()
                .queryParam("papers", "arXiv:" + ids[0] + "\nnonsense\n2401.99999")
                .get("/subscribe/preview")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        String liked = SubscriptionPreviewTest.line(html, "papers", 1);
        assertThat(
                liked,
                allOf(
                        containsString("&lt;i&gt;" + topic + "&lt;/i&gt; burrows"),
                        containsString("Counting " + topic + " colonies"),
                        // never the liked paper itself, nor the unrelated one
                        not(containsString("abs/" + ids[0] + "\"")),
                        not(containsString("Protein folding"))));
        assertThat(SubscriptionPreviewTest.line(html, "papers", 2), containsString("is not an arXiv id or link"));
        // as the form would answer: here, with arXiv look-ups off, an unknown paper cannot be liked
        assertThat(
                SubscriptionPreviewTest.line(html, "papers", 3),
                containsString("Not in Paper Digest, and looking papers up on arXiv is turned off here."));
    }

    @Test
    void anImportTakesPapersToo() {
        String[] ids = papers();
        String email = Subscribers.uniqueEmail("imported-liker");
        Admin.jsonLines("""
                        {"email": "%s", "papers": ["https://arxiv.org/abs/%s"], "timezone": "UTC"}
                        {"email": "%s", "papers": ["no such thing"]}
                        """.formatted(email, ids[1], Subscribers.uniqueEmail("bad-liker")))
                .queryParam("preconfirmed", "true")
                .post("/api/admin/subscribers/import")
                .then()
                .statusCode(200)
                .body("created", equalTo(1))
                .body("rejected", hasSize(1))
                .body("rejected[0].reason", containsString("Paper \"no such thing\" is not an arXiv id or link"));
        Admin.admin()
                .get("/api/admin/subscribers/" + Subscribers.id(email))
                .then()
                .body("status", equalTo("ACTIVE"))
                .body("subscriptions.kind", containsInAnyOrder("SIMILAR"))
                .body("subscriptions.query", containsInAnyOrder(ids[1]));
    }
}
