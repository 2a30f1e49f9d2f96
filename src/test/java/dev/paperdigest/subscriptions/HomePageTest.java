package dev.paperdigest.subscriptions;

import dev.paperdigest.support.Admin;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

@QuarkusTest
class HomePageTest {

    @Test
    void showsTheNewestDaysTrendingPapersMostUpvotedFirstAndEscaped() {
        // a listing day in the future, so it is the newest whatever other tests imported
        Admin.admin()
                .contentType("application/json")
                .body("""
                [
                  {"paper": {"id": "2612.00001", "title": "A quiet paper", "summary": "Few noticed.", "authors": [{"name": "Ada Lovelace"}], "upvotes": 2},
                   "publishedAt": "2099-01-02T00:00:00.000Z"},
                  {"paper": {"id": "2612.00002", "title": "<img src=x onerror=alert(1)> A popular paper", "summary": "Everyone & their dog.", "authors": [{"name": "Łukasz Kaiser"}], "upvotes": 250},
                   "publishedAt": "2099-01-02T00:00:00.000Z"}
                ]
                """)
                .post("/api/admin/papers/import")
                .then()
                .statusCode(200);

        String page = RestAssured.get("/")
                .then()
                .statusCode(200)
                .contentType(containsString("text/html"))
                .body(allOf(
                        containsString("Get trending papers in your email inbox!"),
                        containsString("Jan 2, 2099"),
                        containsString("&lt;img src=x onerror=alert(1)&gt; A popular paper"),
                        not(containsString("<img src=x")),
                        containsString("Łukasz Kaiser"),
                        containsString("Everyone &amp; their dog."),
                        containsString("https://arxiv.org/abs/2612.00002"),
                        containsString("action=\"/subscribe\""),
                        not(containsString("Unrelated work on protein folding"))))
                .extract()
                .asString();
        Assertions.assertTrue(page.indexOf("A popular paper") < page.indexOf("A quiet paper"), "most upvoted first");
    }
}
