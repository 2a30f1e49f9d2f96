package dev.paperdigest.subscriptions;

import dev.paperdigest.common.Dates;
import dev.paperdigest.support.FrontPagePapers.Submitted;
import dev.paperdigest.support.FrontPagePapers.Trending;
import dev.paperdigest.support.PaperIds;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.paperdigest.support.FrontPagePapers.announceOnArxiv;
import static dev.paperdigest.support.FrontPagePapers.freshTuesday;
import static dev.paperdigest.support.FrontPagePapers.listOnHuggingFace;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The front page: the day it shows, the days around it, its order, its search. Each test imports
 * its papers in the sources' formats on days of its own, later than every other test's papers.
 */
@QuarkusTest
class HomePageTest {

    private static String day(LocalDate day) {
        return Dates.DAY.format(day);
    }

    /** A page by its address as a link gives it, already encoded. */
    private static String page(String pathAndQuery, int status) {
        return given().urlEncodingEnabled(false)
                .get(pathAndQuery)
                .then()
                .statusCode(status)
                .contentType(containsString("text/html"))
                .extract()
                .asString();
    }

    /** The link with this id, as a browser reads it (attribute escaping undone); null when there is none. */
    private static String href(String page, String id) {
        Matcher link =
                Pattern.compile("<a id=\"" + id + "\"[^>]*href=\"([^\"]*)\"").matcher(page);
        return link.find() ? link.group(1).replace("&amp;", "&") : null;
    }

    private static void assertInOrder(String page, String... texts) {
        int at = -1;
        for (String text : texts) {
            int next = page.indexOf(text, at + 1);
            assertTrue(next > at, "\"" + text + "\" after the text before it");
            at = next;
        }
    }

    @Test
    void byDefaultTheNewestDayWithTrendingPapersMostUpvotedFirstThenItsArxivPapers() {
        LocalDate tuesday = freshTuesday();
        String id = PaperIds.base("2612");
        listOnHuggingFace(
                tuesday,
                new Trending(id + "1", "A quiet trending paper", "Few noticed.", 2),
                new Trending(id + "2", "<img src=x onerror=alert(1)> A popular paper", "Everyone & their dog.", 250));
        announceOnArxiv(tuesday, new Submitted(id + "3", "An arXiv paper of the same day", "Submitted on Monday."));
        // a newer day, but nothing on it is upvoted: not the default
        announceOnArxiv(
                tuesday.plusDays(1), new Submitted(id + "4", "A paper of the next day", "Nobody upvoted it yet."));

        String home = page("/", 200);
        assertThat(
                home,
                "Get trending papers in your email inbox!",
                "Papers of " + day(tuesday),
                "&lt;img src=x onerror=alert(1)&gt; A popular paper",
                "Everyone &amp; their dog.",
                "https://arxiv.org/abs/" + id + "2",
                "action=\"/subscribe\"");
        assertTrue(!home.contains("<img src=x") && !home.contains("A paper of the next day"), home);
        assertInOrder(
                home,
                "Trending on Hugging Face",
                "A popular paper",
                "A quiet trending paper",
                "More papers of the day",
                "An arXiv paper of the same day");

        assertEquals("/?day=" + tuesday.plusDays(1), href(home, "next-day"));
        String wednesday = page(href(home, "next-day"), 200);
        assertThat(wednesday, "Papers of " + day(tuesday.plusDays(1)), "A paper of the next day");
        assertTrue(!wednesday.contains("Trending on Hugging Face") && !wednesday.contains("A popular paper"));
    }

    @Test
    void previousAndNextDaySkipTheDaysWithoutPapersAndKeepTheOrderAndTheSearch() {
        LocalDate tuesday = freshTuesday();
        LocalDate friday = tuesday.plusDays(3);
        String id = PaperIds.base("2612");
        announceOnArxiv(tuesday, new Submitted(id + "1", "A paper of Tuesday", "Tuesday's paper."));
        announceOnArxiv(friday, new Submitted(id + "2", "A paper of Friday", "Friday's paper."));

        String fridayPage = page("/?day=" + friday, 200);
        assertThat(fridayPage, "A paper of Friday", "No later papers");
        assertEquals("/?day=" + tuesday, href(fridayPage, "previous-day"));
        assertNull(href(fridayPage, "next-day"));

        String tuesdayPage = page(href(fridayPage, "previous-day"), 200);
        assertThat(tuesdayPage, "A paper of Tuesday");
        assertEquals("/?day=" + friday, href(tuesdayPage, "next-day"));
        String earlier = href(tuesdayPage, "previous-day");
        assertTrue(
                earlier != null
                        && LocalDate.parse(earlier.substring("/?day=".length())).isBefore(tuesday),
                earlier);

        String wednesday = page("/?day=" + tuesday.plusDays(1), 200);
        assertThat(wednesday, "No papers on " + day(tuesday.plusDays(1)) + ".");
        assertEquals("/?day=" + tuesday, href(wednesday, "previous-day"));
        assertEquals("/?day=" + friday, href(wednesday, "next-day"));

        String searched = page("/?day=" + tuesday + "&sort=newest&q=paper", 200);
        assertEquals("/?day=" + friday + "&sort=newest&q=paper", href(searched, "next-day"));
    }

    @Test
    void dateIsAnotherNameForDayAndADayThatIsNoDayGetsAMessageAndTheDefaultDay() {
        LocalDate tuesday = freshTuesday();
        String id = PaperIds.base("2612");
        listOnHuggingFace(tuesday, new Trending(id + "1", "The newest trending paper", "Upvoted.", 9));
        announceOnArxiv(tuesday.plusDays(2), new Submitted(id + "2", "A paper of Thursday", "Thursday's paper."));

        assertThat(page("/?date=" + tuesday.plusDays(2), 200), "Papers of " + day(tuesday.plusDays(2)));
        assertThat(page("/?day=" + tuesday.plusDays(2) + "&date=1999-01-01", 200), "A paper of Thursday");

        for (String bad : List.of("2026-13-45", "2026-02-30", "12/06/2026", "yesterday")) {
            given().queryParam("date", bad)
                    .get("/")
                    .then()
                    .statusCode(400)
                    .body(allOf(
                            containsString("<p class=\"error\" id=\"day-error\">&quot;" + bad
                                    + "&quot; is not a day: write it as YYYY-MM-DD, such as 2026-06-12.</p>"),
                            containsString("aria-invalid=\"true\" aria-describedby=\"day-error\""),
                            containsString("Papers of " + day(tuesday)),
                            containsString("The newest trending paper")));
        }
        // a day before every paper: nothing that day, a way forward, and a picker that takes the day shown
        String early = page("/?day=1990-01-02", 200);
        assertThat(early, "No papers on Jan 2, 1990.", "No earlier papers", "value=\"1990-01-02\" min=\"1990-01-02\"");
        assertTrue(href(early, "next-day").startsWith("/?day="), early);

        given().queryParam("day", "<b>bold</b>")
                .get("/")
                .then()
                .statusCode(400)
                .body(allOf(containsString("&lt;b&gt;bold&lt;/b&gt;"), not(containsString("<b>bold"))));
    }

    @Test
    void newestFirstListsTheDaysPapersBySubmissionTimeTrendingOrNot() {
        LocalDate tuesday = freshTuesday();
        String id = PaperIds.base("2612");
        // on Hugging Face's list two days after its submission
        listOnHuggingFace(tuesday, new Trending(id + "1", "Trending but older", "Submitted on Sunday.", 90));
        announceOnArxiv(
                tuesday,
                new Submitted(id + "2", "Submitted at noon", "At noon."),
                new Submitted(id + "3", "Submitted a minute later", "At 12:01."));

        String trending = page("/?day=" + tuesday, 200);
        assertInOrder(trending, "Trending but older", "Submitted a minute later", "Submitted at noon");
        assertThat(trending, "<option value=\"trending\" selected>");

        String newest = page("/?day=" + tuesday + "&sort=newest", 200);
        assertInOrder(newest, "Newest first", "Submitted a minute later", "Submitted at noon", "Trending but older");
        assertThat(newest, "<option value=\"newest\" selected>");
        assertTrue(!newest.contains("Trending on Hugging Face"), "one list");

        assertInOrder(page("/?day=" + tuesday + "&sort=sideways", 200), "Trending but older", "Submitted at noon");
    }

    @Test
    void aSearchShowsTheDaysMatchingPapersWithTheWordsMarkedAndOffersToSubscribeToIt() {
        LocalDate tuesday = freshTuesday();
        String id = PaperIds.base("2612");
        listOnHuggingFace(
                tuesday,
                new Trending(
                        id + "1",
                        "Faster drafts",
                        "We make speculative decoding twice as fast with small drafts.",
                        30));
        announceOnArxiv(
                tuesday,
                new Submitted(id + "2", "Protein folding", "Unrelated work on proteins."),
                new Submitted(id + "3", "Greedy decoding", "Decoding without any speculation."));
        announceOnArxiv(
                tuesday.plusDays(1),
                new Submitted(id + "4", "Speculative decoding tomorrow", "Speculative decoding, another day."));

        String found = given().queryParam("day", tuesday.toString())
                .queryParam("q", "\"speculative decoding\"")
                .get("/")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(
                found,
                "1 paper of " + day(tuesday) + " matches “&quot;speculative decoding&quot;”.",
                "Faster drafts",
                "We make <mark>speculative decoding</mark> twice as fast",
                "value=\"&quot;speculative decoding&quot;\"");
        assertTrue(
                !found.contains("Protein folding")
                        && !found.contains("Greedy decoding")
                        && !found.contains("Speculative decoding tomorrow"),
                "only the matching papers of the day shown");

        String subscribe = href(found, "subscribe-search");
        assertEquals("/subscribe?keywords=%22speculative+decoding%22", subscribe);
        assertThat(page(subscribe, 200), ">&quot;speculative decoding&quot;</textarea>");

        assertThat(
                page("/?day=" + tuesday + "&q=transformers", 200),
                "No paper of " + day(tuesday) + " matches “transformers”.",
                "id=\"subscribe-search\" href=\"/subscribe?keywords=transformers\"");
    }

    @Test
    void aQueryTheSubscribeFormRefusesIsRefusedWithTheSameMessage() {
        for (String bad : List.of("-vision", "ab*", "(llm", "author:hinton")) {
            String formError = given().contentType("application/x-www-form-urlencoded")
                    .formParam("email", "not-an-address")
                    .formParam("keywords", bad)
                    .formParam("frequency", "daily")
                    .formParam("sendHour", "8")
                    .formParam("timezone", "UTC")
                    .post("/subscribe")
                    .then()
                    .statusCode(400)
                    .extract()
                    .asString();
            Matcher expected =
                    Pattern.compile("id=\"keywords-error-1\">([^<]*)</p>").matcher(formError);
            assertTrue(expected.find(), formError);

            String home = given().queryParam("q", bad)
                    .get("/")
                    .then()
                    .statusCode(400)
                    .extract()
                    .asString();
            assertThat(home, "<p class=\"error\" id=\"q-error\">" + expected.group(1) + "</p>");
            assertTrue(expected.group(1).startsWith("Keyword &quot;"), expected.group(1));
            assertNull(href(home, "subscribe-search"), "no subscribing to a refused search");
        }
    }

    @Test
    void aLongDayComesInPagesOfFifty() {
        LocalDate tuesday = freshTuesday();
        List<Submitted> papers = new ArrayList<>();
        String id = null;
        for (int i = 0; i < 52; i++) {
            id = i % 10 == 0 ? PaperIds.base("2612") : id;
            papers.add(new Submitted(id + i % 10, "Paper number " + i + " of a long day", "One of many."));
        }
        announceOnArxiv(tuesday, papers.toArray(Submitted[]::new));

        String first = page("/?day=" + tuesday + "&sort=newest", 200);
        assertThat(first, "Papers 1 to 50 of 52", "Paper number 51 of a long day", "Paper number 2 of a long day");
        assertTrue(!first.contains("Paper number 1 of a long day"), "the oldest two are on the next page");
        assertEquals("/?day=" + tuesday + "&sort=newest&page=2", href(first, "next-page"));
        String second = page(href(first, "next-page"), 200);
        assertThat(second, "Papers 51 to 52 of 52", "Paper number 1 of a long day", "Paper number 0 of a long day");
        assertEquals("/?day=" + tuesday + "&sort=newest", href(second, "previous-page"));
        assertThat(page("/?day=" + tuesday + "&sort=newest&page=99", 200), "Papers 51 to 52 of 52");
    }

    @Test
    void theOpenApiDocumentListsThePagesParametersSoTheHostileInputTestWalksThem() {
        assertEquals(
                Set.of("day", "date", "sort", "q", "page"),
                Set.copyOf(given().queryParam("format", "json")
                        .get("/q/openapi")
                        .jsonPath()
                        .getList("paths.'/'.get.parameters.name")));
    }

    private static void assertThat(String page, String... texts) {
        for (String text : texts) {
            assertTrue(page.contains(text), "the page shows " + text + ":\n" + page);
        }
    }
}
