package dev.paperdigest.browser;

import dev.paperdigest.support.Admin;
import dev.paperdigest.support.Mailbox;
import dev.paperdigest.support.PaperIds;
import dev.paperdigest.support.Subscribers;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URL;
import java.time.Duration;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

/** The forms' preview as a person sees it: live with JavaScript, through the Preview button without. */
@QuarkusTest
@Tag("browser")
class PreviewInBrowserTest {

    @TestHTTPResource("/")
    URL root;

    static final String TITLE = "Wobblethorpe dynamics of galaxies";
    static Browser browser;
    static boolean imported;

    @BeforeAll
    static void start() {
        browser = new Browser();
    }

    @BeforeEach
    void importThePaperToFind() {
        if (!imported) {
            Admin.jsonLines("{\"arxiv_id\": \"" + PaperIds.base("2612") + "0\", \"title\": \"" + TITLE
                            + "\", \"abstract\": \"A paper the browser finds.\", \"authors\": [\"Ada Lovelace\"],"
                            + " \"categories\": [\"astro-ph.GA\"]}\n")
                    .post("/api/admin/papers/import")
                    .then()
                    .statusCode(200);
            imported = true;
        }
    }

    @AfterAll
    static void stop() {
        browser.close();
    }

    private static String awaitText(Browser in, String id, String expected) {
        By element = By.id(id);
        new WebDriverWait(in.driver, Duration.ofSeconds(15))
                .until(ExpectedConditions.textToBePresentInElementLocated(element, expected));
        return in.driver.findElement(element).getText();
    }

    @Test
    void thePreviewFollowsWhatIsTyped() {
        browser.driver.get(url("/subscribe"));
        assertThat(browser.driver.findElement(By.id("preview")).getAttribute("aria-live"), equalTo("polite"));

        browser.driver.findElement(By.id("keywords")).sendKeys("wobblethorpe");
        assertThat(awaitText(browser, "preview-keywords-1", "1 paper"), containsString(TITLE));
        assertThat(
                browser.driver.findElement(By.linkText(TITLE)).getAttribute("href"),
                containsString("https://arxiv.org/abs/2612."));

        browser.driver.findElement(By.id("keywords")).sendKeys("\n\"never closed");
        assertThat(
                awaitText(browser, "preview-keywords-2", "has a quote that is never closed"),
                containsString("Keyword \"\"never closed\""));

        browser.driver
                .findElement(By.xpath("//summary[starts-with(normalize-space(), 'Physics')]"))
                .click();
        browser.driver.findElement(By.id("category-astro-ph.GA")).click();
        assertThat(
                awaitText(browser, "preview-categories-1", "1 paper"),
                allOf(containsString("Astrophysics of Galaxies"), containsString(TITLE)));
    }

    @Test
    void withoutJavaScriptThePreviewButtonShowsItAndKeepsTheForm() throws InterruptedException {
        try (Browser plain = new Browser(false)) {
            plain.driver.get(url("/subscribe"));
            String email = Subscribers.uniqueEmail("no-script");
            plain.driver.findElement(By.id("email")).sendKeys(email);
            plain.driver.findElement(By.id("keywords")).sendKeys("wobblethorpe");
            Thread.sleep(1500); // longer than the script's pause: without JavaScript nothing follows the typing
            assertThat(
                    plain.driver.findElement(By.id("preview")).getText(),
                    allOf(containsString("when you press Preview"), not(containsString("1 paper"))));

            plain.driver.findElement(By.cssSelector("button.preview-button")).click();
            assertThat(awaitText(plain, "preview-keywords-1", "1 paper"), containsString(TITLE));
            assertThat(plain.driver.findElement(By.id("email")).getAttribute("value"), equalTo(email));
            assertThat(plain.driver.findElement(By.id("keywords")).getAttribute("value"), equalTo("wobblethorpe"));

            plain.driver.findElement(By.cssSelector("form button[type=submit]")).click();
            plain.awaitHeading("Check your inbox");
            Mailbox.await(email, 1);
        }
    }

    private String url(String path) {
        return root.toString().replaceAll("/$", "") + path;
    }
}
