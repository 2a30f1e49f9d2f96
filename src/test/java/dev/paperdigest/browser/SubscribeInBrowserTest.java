package dev.paperdigest.browser;

import dev.paperdigest.common.Dates;
import dev.paperdigest.support.Admin;
import dev.paperdigest.support.FrontPagePapers.Submitted;
import dev.paperdigest.support.FrontPagePapers.Trending;
import dev.paperdigest.support.Mailbox;
import dev.paperdigest.support.PaperIds;
import dev.paperdigest.support.Subscribers;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static dev.paperdigest.support.FrontPagePapers.announceOnArxiv;
import static dev.paperdigest.support.FrontPagePapers.freshTuesday;
import static dev.paperdigest.support.FrontPagePapers.listOnHuggingFace;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pages as a person uses them, in a real browser (Debian chromium; run by .ci/run). */
@QuarkusTest
@Tag("browser")
class SubscribeInBrowserTest {

    @TestHTTPResource("/")
    URL root;

    static Browser browser;

    @BeforeAll
    static void start() {
        browser = new Browser();
    }

    @AfterAll
    static void stop() {
        browser.close();
    }

    @Test
    void signUpOnTheFullFormThenConfirmFromTheEmail() {
        String email = Subscribers.uniqueEmail("browser");
        browser.driver.get(url("/subscribe"));
        assertThat(browser.driver.getTitle(), containsString("Subscribe"));
        WebElement zone = browser.driver.findElement(By.id("timezone"));
        assertThat("the browser's time zone is filled in", zone.getAttribute("value"), not(equalTo("")));

        browser.driver.findElement(By.id("email")).sendKeys(email);
        browser.driver.findElement(By.id("keywords")).sendKeys("speculative decoding\n\"mixture of experts\"");
        browser.driver.findElement(By.id("authors")).sendKeys("Łukasz Kaiser");
        browser.driver.findElement(By.id("categories")).sendKeys("cs.CL, cs.LG");
        new Select(browser.driver.findElement(By.id("frequency"))).selectByValue("weekly");
        new Select(browser.driver.findElement(By.id("sendHour"))).selectByValue("7");
        zone.clear();
        zone.sendKeys("Europe/Warsaw");
        browser.driver.findElement(By.cssSelector("form button[type=submit]")).click();

        browser.awaitHeading("Check your inbox");
        assertThat(browser.driver.findElement(By.tagName("main")).getText(), containsString(email));

        String confirm = Mailbox.await(email, 1).get(0).link("http://localhost:8080/confirm?token=");
        browser.driver.get(
                url(URI.create(confirm).getRawPath() + "?" + URI.create(confirm).getRawQuery()));
        browser.awaitHeading("Confirm your subscription");
        browser.driver.findElement(By.cssSelector("form button[type=submit]")).click();
        browser.awaitHeading("You are subscribed");
        assertThat(browser.driver.findElement(By.tagName("main")).getText(), containsString("07:00 (Europe/Warsaw)"));

        Admin.admin()
                .get("/api/admin/subscribers/" + Subscribers.id(email))
                .then()
                .body("status", equalTo("ACTIVE"))
                .body("frequency", equalTo("weekly"));
    }

    @Test
    void mistakesAreMarkedNextToTheirFieldAndNothingTypedIsLost() {
        browser.driver.get(url("/subscribe"));
        browser.driver.findElement(By.id("email")).sendKeys("someone-at-example.org");
        browser.driver.findElement(By.id("authors")).sendKeys("Lewis");
        browser.driver.findElement(By.cssSelector("form button[type=submit]")).click();

        WebElement emailError = browser.driver.findElement(By.id("email-error-1"));
        assertTrue(emailError.isDisplayed());
        assertThat(emailError.getText(), containsString("is not an email address"));
        assertThat(browser.driver.findElement(By.id("authors-error-1")).getText(), containsString("is only a surname"));
        assertThat(browser.driver.findElement(By.id("email")).getAttribute("aria-invalid"), equalTo("true"));
        assertThat(browser.driver.findElement(By.id("email")).getAttribute("value"), equalTo("someone-at-example.org"));
        assertThat(browser.driver.findElement(By.id("authors")).getAttribute("value"), equalTo("Lewis"));
        assertThat(
                browser.driver.findElement(By.cssSelector("[role=alert]")).getText(), containsString("Please correct"));
    }

    @Test
    void theHomePageListsPapersAndItsQuickFormSignsUp() {
        listOnHuggingFace(
                freshTuesday(),
                new Trending(PaperIds.base("2612") + "1", "Browsers read papers too", "A test paper.", 7));
        browser.driver.get(url("/"));
        assertThat(
                browser.driver.findElement(By.cssSelector("ol.papers")).getText(),
                containsString("Browsers read papers too"));

        String email = Subscribers.uniqueEmail("quick");
        browser.driver.findElement(By.id("email")).sendKeys(email);
        browser.driver.findElement(By.id("keywords")).sendKeys("browsers");
        browser.driver.findElement(By.cssSelector("form button[type=submit]")).click();
        browser.awaitHeading("Check your inbox");
        Mailbox.await(email, 1);
    }

    @Test
    void theHomePageGoesFromDayToDaySearchesAndOffersTheSearchAsASubscription() {
        LocalDate tuesday = freshTuesday();
        LocalDate thursday = tuesday.plusDays(2);
        String id = PaperIds.base("2612");
        listOnHuggingFace(
                tuesday,
                new Trending(
                        id + "1", "Speculative decoding in the browser", "We make speculative decoding fast.", 12));
        announceOnArxiv(tuesday, new Submitted(id + "2", "A paper of Tuesday on arXiv", "Nothing about drafts."));
        listOnHuggingFace(
                thursday, new Trending(id + "3", "The trending paper of Thursday", "Upvoted on Thursday.", 3));

        browser.driver.get(url("/"));
        awaitDay(thursday);
        browser.driver.findElement(By.id("previous-day")).click();
        awaitDay(tuesday); // Wednesday has no papers
        assertThat(browser.driver.findElement(By.id("trending")).getText(), containsString("Trending on Hugging Face"));
        browser.driver.findElement(By.id("next-day")).click();
        awaitDay(thursday);

        // the date picker: a GET form, so setting the field and pressing Show is all it takes
        WebElement picker = browser.driver.findElement(By.id("day"));
        assertThat(picker.getAttribute("type"), equalTo("date"));
        browser.driver.executeScript("arguments[0].value = arguments[1]", picker, tuesday.toString());
        WebElement search = browser.driver.findElement(By.id("q"));
        search.sendKeys("\"speculative decoding\"");
        search.submit();
        awaitDay(tuesday);
        assertThat(
                browser.driver.findElement(By.id("search-result")).getText(),
                containsString("1 paper of " + Dates.DAY.format(tuesday) + " matches"));
        List<String> marked = browser.driver.findElements(By.cssSelector("ol.papers mark")).stream()
                .map(WebElement::getText)
                .toList();
        assertThat(marked, equalTo(List.of("speculative decoding")));
        assertThat(browser.driver.findElement(By.tagName("main")).getText(), not(containsString("A paper of Tuesday")));

        browser.driver.findElement(By.id("subscribe-search")).click();
        browser.awaitHeading("Get trending papers in your email inbox");
        assertThat(
                browser.driver.findElement(By.id("keywords")).getAttribute("value"),
                equalTo("\"speculative decoding\""));

        browser.driver.navigate().back();
        awaitDay(tuesday);
        search = browser.driver.findElement(By.id("q"));
        search.clear();
        search.sendKeys("-vision");
        search.submit();
        assertThat(
                browser.driver.findElement(By.id("q-error")).getText(),
                containsString("Keyword \"-vision\" only excludes words"));
        assertThat(browser.driver.findElement(By.id("q")).getAttribute("aria-invalid"), equalTo("true"));
    }

    @Test
    void theHomePageFitsA320PixelWideScreen() {
        String id = PaperIds.base("2612");
        LocalDate tuesday = freshTuesday();
        listOnHuggingFace(
                tuesday,
                new Trending(
                        id + "1",
                        "Supercalifragilisticexpialidociouslylongwordsinatitle and a long title that wraps",
                        "An abstract with https://example.org/a/very/long/address/that/does/not/break/by/itself/at/all.",
                        5));
        browser.driver.executeCdpCommand(
                "Emulation.setDeviceMetricsOverride",
                Map.of("width", 320, "height", 800, "deviceScaleFactor", 1, "mobile", true));
        try {
            browser.driver.get(url("/?day=" + tuesday + "&q=" + "x".repeat(300)));
            assertThat(browser.driver.executeScript("return window.innerWidth"), equalTo(320L));
            Object overflow = browser.driver.executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
            assertThat("nothing wider than the screen", overflow, equalTo(0L));
            for (String field : List.of("email", "keywords", "day", "sort", "q")) {
                WebElement input = browser.driver.findElement(By.id(field));
                assertTrue(input.getRect().getX() + input.getRect().getWidth() <= 320, field + " fits");
                assertThat(
                        field + " has a label",
                        browser.driver
                                .findElements(By.cssSelector("label[for=" + field + "]"))
                                .size(),
                        equalTo(1));
            }
        } finally {
            browser.driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
    }

    private static void awaitDay(LocalDate day) {
        new WebDriverWait(browser.driver, Duration.ofSeconds(15))
                .until(ExpectedConditions.textToBe(By.id("day-heading"), "Papers of " + Dates.DAY.format(day)));
    }

    private String url(String pathAndQuery) {
        return root.toString().replaceAll("/$", "") + pathAndQuery;
    }
}
