package dev.paperdigest.browser;

import dev.paperdigest.support.Admin;
import dev.paperdigest.support.Mailbox;
import dev.paperdigest.support.Subscribers;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.net.URI;
import java.net.URL;

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
        Admin.admin()
                .contentType("application/json")
                .body("""
                [{"paper": {"id": "2612.00901", "title": "Browsers read papers too", "summary": "A test paper.",
                  "authors": [{"name": "Ada Lovelace"}], "upvotes": 7}, "publishedAt": "2099-02-03T00:00:00.000Z"}]
                """)
                .post("/api/admin/papers/import")
                .then()
                .statusCode(200);
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

    private String url(String pathAndQuery) {
        return root.toString().replaceAll("/$", "") + pathAndQuery;
    }
}
