package dev.paperdigest.subscriptions;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.paperdigest.papers.Paper;
import dev.paperdigest.papers.Samples;
import dev.paperdigest.support.Links;
import dev.paperdigest.support.Mailbox;
import dev.paperdigest.support.Subscribers;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Liked papers Paper Digest does not have are looked up on arXiv ({@code id_list=}) as the form is saved. */
@QuarkusTest
@WithTestResource(ArxivLookUpWireMock.class)
class LikedPapersFromArxivTest {

    private static final String ATOM = "application/atom+xml; charset=utf-8";

    WireMockServer wm;

    @BeforeEach
    void stubs() {
        wm = ArxivLookUpWireMock.server;
        wm.resetAll();
        // an id not stubbed by a test: arXiv's answer for a paper it does not have, an empty feed
        wm.stubFor(get(urlPathEqualTo("/api/query"))
                .atPriority(10)
                .willReturn(
                        aResponse().withHeader("Content-Type", ATOM).withBody(Samples.text("arxiv_api_empty.xml"))));
    }

    /** The real arXiv answer for one of its papers: the sample's feed with only that paper's entry. */
    private static String onlyEntry(String id) {
        String sample = Samples.text("arxiv_api.xml");
        int at = sample.indexOf("<id>http://arxiv.org/abs/" + id);
        int start = sample.lastIndexOf("<entry>", at);
        int end = sample.indexOf("</entry>", at) + "</entry>".length();
        return sample.substring(0, sample.indexOf("<entry>")) + sample.substring(start, end) + "\n</feed>\n";
    }

    @Test
    void aPaperNotHereIsFetchedFromArxivOnceAndStoredAsOldNews() {
        wm.stubFor(get(urlPathEqualTo("/api/query"))
                .withQueryParam("id_list", equalTo("2204.08348"))
                .willReturn(aResponse().withHeader("Content-Type", ATOM).withBody(onlyEntry("2204.08348v3"))));

        Subscribers.postLikedPapers(Subscribers.uniqueEmail("liker"), "arXiv:2204.08348v3")
                .statusCode(200)
                .body(containsString("Check your inbox"));
        Paper paper = QuarkusTransaction.requiringNew()
                .call(() -> Paper.findByArxivId("2204.08348").orElseThrow());
        assertEquals("Automated Test Generation for REST APIs: No Time to Rest Yet", paper.title);
        // published in 2022: no digest brings it as a new paper
        assertEquals(0L, paper.matchRound);

        // the next person who likes it: no more requests to arXiv
        Subscribers.postLikedPapers(Subscribers.uniqueEmail("second-liker"), "https://arxiv.org/abs/2204.08348")
                .statusCode(200);
        wm.verify(1, getRequestedFor(urlPathEqualTo("/api/query")).withQueryParam("id_list", equalTo("2204.08348")));
    }

    @Test
    void anIdArxivDoesNotKnowIsRefusedOnTheForm() {
        String email = Subscribers.uniqueEmail("mistaken");
        Subscribers.postLikedPapers(email, "2204.99999")
                .statusCode(400)
                .body(containsString("Paper &quot;2204.99999&quot; is not on arXiv."));
        Mailbox.assertNoMoreArrive(email, 0);
    }

    @Test
    void whenArxivFailsTheFormIsSavedAndTheManagePageSaysWhatIsMissing() {
        wm.stubFor(get(urlPathEqualTo("/api/query"))
                .withQueryParam("id_list", equalTo("2205.00001"))
                .willReturn(aResponse().withStatus(503)));
        String email = Subscribers.uniqueEmail("patient");
        Subscribers.postLikedPapers(email, "2205.00001").statusCode(200).body(containsString("Check your inbox"));
        Mailbox.Received confirmation = Mailbox.await(email, 1).get(0);
        String manage = RestAssured.get(Links.pathAndQuery(confirmation.link("http://localhost:8080/manage?token=")))
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(
                manage, containsString("Not found on arXiv yet, so matching nothing for now: <code>2205.00001</code>"));
    }
}
