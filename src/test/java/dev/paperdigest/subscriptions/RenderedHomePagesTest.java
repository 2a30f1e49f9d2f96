package dev.paperdigest.subscriptions;

import dev.paperdigest.papers.Paper;
import dev.paperdigest.support.FrontPagePapers.Trending;
import dev.paperdigest.support.PaperIds;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static dev.paperdigest.support.FrontPagePapers.freshTuesday;
import static dev.paperdigest.support.FrontPagePapers.listOnHuggingFace;
import static io.restassured.RestAssured.get;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

/** The front page is kept as rendered, and never shows papers older than the last change for long. */
@QuarkusTest
class RenderedHomePagesTest {

    @Test
    void aPaperStoredHereShowsAtOnceAndOneStoredByAnotherReplicaWithinSeconds() {
        LocalDate tuesday = freshTuesday();
        String id = PaperIds.base("2612");
        listOnHuggingFace(tuesday, new Trending(id + "1", "The first trending paper", "Kept as rendered.", 10));
        assertThat(get("/").asString(), containsString("The first trending paper"));

        // stored through this process: the page kept is dropped when the import commits
        listOnHuggingFace(tuesday, new Trending(id + "2", "A second trending paper", "Shows at once.", 20));
        assertThat(get("/").asString(), containsString("A second trending paper"));

        // written by another process (here: straight into the database, as another replica's import would)
        QuarkusTransaction.requiringNew().run(() -> {
            Paper paper = Paper.findByArxivId(id + "2").orElseThrow();
            paper.title = "A retitled trending paper";
            paper.lastSeenAt = Instant.now();
        });
        await("the other replica's change on the front page")
                .atMost(RenderedHomePages.CHECK_EVERY.plus(Duration.ofSeconds(5)))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> get("/").asString().contains("A retitled trending paper"));
        assertThat(get("/").asString(), not(containsString("A second trending paper")));
    }

    @Test
    void aQueryItCannotReadIsStillRefusedWhenKept() {
        for (String ignored : List.of("first", "kept")) {
            get("/?day=yesterday").then().statusCode(400).body(containsString("is not a day"));
        }
    }
}
