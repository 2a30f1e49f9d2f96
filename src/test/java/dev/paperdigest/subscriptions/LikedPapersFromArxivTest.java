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
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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

    @Inject
    LinkTokens tokens;

    @Inject
    EntityManager em;

    @Test
    void aManagePageSaveThatWouldAskArxivCountsAgainstTheNetworksSignUpLimit() {
        long id = Subscribers.importActive(Subscribers.uniqueEmail("keen-liker"), "transformers");
        String token =
                QuarkusTransaction.requiringNew().call(() -> tokens.issue(Subscriber.findById(id), LinkPurpose.MANAGE));
        long hour = Instant.now().toEpochMilli() / 3_600_000L;
        List<String> loopback = List.of("127.0.0.1", SubscribeRateLimiter.network("::1"));
        Map<List<Object>, Integer> before = new HashMap<>();
        try {
            // this network has used up its hour (this hour and the next, should the clock turn)
            QuarkusTransaction.requiringNew().run(() -> {
                for (String client : loopback) {
                    for (long h = hour; h <= hour + 1; h++) {
                        List<?> posts = em.createNativeQuery(
                                        "SELECT posts FROM sign_up_count WHERE client = ?1 AND clock_hour = ?2")
                                .setParameter(1, client)
                                .setParameter(2, h)
                                .getResultList();
                        before.put(List.of(client, h), posts.isEmpty() ? null : ((Number) posts.get(0)).intValue());
                        em.createNativeQuery("DELETE FROM sign_up_count WHERE client = ?1 AND clock_hour = ?2")
                                .setParameter(1, client)
                                .setParameter(2, h)
                                .executeUpdate();
                        em.createNativeQuery(
                                        "INSERT INTO sign_up_count (client, clock_hour, posts) VALUES (?1, ?2, ?3)")
                                .setParameter(1, client)
                                .setParameter(2, h)
                                .setParameter(3, 1_000_000)
                                .executeUpdate();
                    }
                }
            });

            saveManagePage(token, "2205.00003")
                    .statusCode(400)
                    .body(containsString("Paper &quot;2205.00003&quot; is not in Paper Digest yet, and your network"
                            + " has reached its limit of sign-ups and arXiv look-ups for this hour."));
            wm.verify(0, getRequestedFor(urlPathEqualTo("/api/query")));

            // a save that needs nothing from arXiv is not counted, and not refused
            saveManagePage(token, "").statusCode(200);
        } finally {
            QuarkusTransaction.requiringNew()
                    .run(() -> before.forEach((key, posts) -> {
                        em.createNativeQuery("DELETE FROM sign_up_count WHERE client = ?1 AND clock_hour = ?2")
                                .setParameter(1, key.get(0))
                                .setParameter(2, key.get(1))
                                .executeUpdate();
                        if (posts != null) {
                            em.createNativeQuery(
                                            "INSERT INTO sign_up_count (client, clock_hour, posts) VALUES (?1, ?2, ?3)")
                                    .setParameter(1, key.get(0))
                                    .setParameter(2, key.get(1))
                                    .setParameter(3, posts)
                                    .executeUpdate();
                        }
                    }));
        }
    }

    private static ValidatableResponse saveManagePage(String token, String papers) {
        return RestAssured.given()
                .contentType("application/x-www-form-urlencoded")
                .formParam("keywords", "transformers")
                .formParam("papers", papers)
                .formParam("frequency", "daily")
                .formParam("sendHour", "8")
                .formParam("timezone", "UTC")
                .when()
                .post("/manage?token=" + token)
                .then();
    }
}
