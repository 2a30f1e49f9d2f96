package dev.paperdigest.papers;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;

/** The example papers of a fresh install are shown as examples, never as the day's news. */
@QuarkusTest
class DemoPapersOnFrontPageTest {

    @Inject
    PaperStore store;

    @Test
    void aDemoPaperIsMarkedAsAnExampleOnItsDay() {
        PaperRecord demo = new DemoPapers(null, null, new ObjectMapper(), null, null)
                .read().stream().filter(p -> p.listedOn() != null).findFirst().orElseThrow();
        store.upsert(List.of(demo));

        String page = given().queryParam("day", demo.listedOn().toString())
                .get("/")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        Matcher card = Pattern.compile("<li>(?:(?!</li>).)*?" + Pattern.quote(escaped(demo.title())), Pattern.DOTALL)
                .matcher(page);
        assertThat("the demo paper is on its day", card.find());
        assertThat(card.group(), containsString("class=\"example\""));
    }

    private static String escaped(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
