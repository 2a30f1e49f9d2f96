package dev.paperdigest.browser;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import dev.paperdigest.subscriptions.LinkPurpose;
import dev.paperdigest.subscriptions.LinkTokens;
import dev.paperdigest.subscriptions.Subscriber;
import dev.paperdigest.support.Admin;
import dev.paperdigest.support.PaperIds;
import dev.paperdigest.support.Subscribers;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import java.net.URL;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

/**
 * Every page a subscriber or operator sees, checked in Chromium by axe-core against WCAG 2.1 A
 * and AA: no serious or critical violation, also at 320 px, and no page wider than the screen.
 */
@QuarkusTest
@Tag("browser")
class AccessibilityInBrowserTest {

    private static final Set<String> BLOCKING = Set.of("serious", "critical");
    private static final List<String> WCAG = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");

    @TestHTTPResource("/")
    URL root;

    @Inject
    LinkTokens tokens;

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
    void everyPageHasNoSeriousViolationAtAnyWidth() {
        String base = PaperIds.base("2612");
        Admin.jsonLines("""
                        {"arxiv_id": "%s1", "title": "Accessible <em>digests</em> for everyone", "abstract": "Screen readers read papers.", "authors": ["Ada Lovelace", "Grace Hopper"], "categories": ["cs.HC"]}
                        """.formatted(base))
                .post("/api/admin/papers/import")
                .then()
                .statusCode(200);
        long id = Subscribers.importActive(Subscribers.uniqueEmail("a11y"), "screen readers");
        Subscriber subscriber = QuarkusTransaction.requiringNew().call(() -> Subscriber.findById(id));

        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("home", "/");
        pages.put("sign-up form", "/subscribe");
        pages.put("confirm", "/confirm?token=" + tokens.issue(subscriber, LinkPurpose.CONFIRM));
        pages.put("manage", "/manage?token=" + tokens.issue(subscriber, LinkPurpose.MANAGE));
        pages.put("unsubscribe", "/unsubscribe?token=" + tokens.issue(subscriber, LinkPurpose.UNSUBSCRIBE));
        pages.put("digest preview", "/digest/preview?token=" + tokens.issue(subscriber, LinkPurpose.MANAGE));
        pages.put("refused link", "/manage?token=not-a-token");
        pages.put("console", "/admin");

        List<String> problems = new ArrayList<>();
        for (int width : new int[] {1280, 320}) {
            browser.driver.manage().window().setSize(new Dimension(width, 900));
            for (Map.Entry<String, String> page : pages.entrySet()) {
                open(page.getValue());
                problems.addAll(violations(page.getKey() + " at " + width + " px"));
                assertNoSidewaysScroll(page.getKey() + " at " + width + " px");
            }
            // a form sent back with its mistakes marked
            open("/subscribe");
            browser.driver.findElement(By.id("email")).sendKeys("not-an-address");
            browser.driver
                    .findElement(By.cssSelector("form button[type=submit]"))
                    .click();
            browser.driver.findElement(By.id("email-error-1"));
            problems.addAll(violations("sign-up form with mistakes at " + width + " px"));
            assertNoSidewaysScroll("sign-up form with mistakes at " + width + " px");
        }
        assertThat(String.join("\n", problems), problems, empty());
    }

    @Test
    void theSignUpFormWorksFromTheKeyboardAlone() {
        browser.driver.manage().window().setSize(new Dimension(1280, 900));
        open("/subscribe");
        String email = Subscribers.uniqueEmail("keyboard");
        WebElement field = browser.driver.findElement(By.id("email"));
        field.click();
        field.sendKeys(email);
        // Tab moves through the fields in reading order; Enter in a text field sends the form
        browser.driver.switchTo().activeElement().sendKeys(Keys.TAB);
        assertThat(browser.driver.switchTo().activeElement().getAttribute("id"), equalTo("keywords"));
        browser.driver.switchTo().activeElement().sendKeys("screen readers");
        browser.driver.findElement(By.id("email")).sendKeys(Keys.ENTER);
        browser.awaitHeading("Check your inbox");
    }

    private void open(String pathAndQuery) {
        String url = root.toString().replaceAll("/$", "") + pathAndQuery;
        if (pathAndQuery.startsWith("/admin")) {
            url = url.replace("://", "://admin:" + Admin.PASSWORD + "@");
        }
        browser.driver.get(url);
    }

    private static List<String> violations(String where) {
        Results results = new AxeBuilder().withTags(WCAG).analyze(browser.driver);
        List<String> found = new ArrayList<>();
        for (Rule rule : results.getViolations()) {
            if (BLOCKING.contains(rule.getImpact())) {
                found.add(where + ": " + rule.getImpact() + " " + rule.getId() + " (" + rule.getHelp() + ") at "
                        + rule.getNodes().stream()
                                .map(node -> String.valueOf(node.getTarget()))
                                .toList());
            }
        }
        return found;
    }

    private static void assertNoSidewaysScroll(String where) {
        long scrollWidth = ((Number) ((JavascriptExecutor) browser.driver)
                        .executeScript("return document.documentElement.scrollWidth"))
                .longValue();
        long viewport = ((Number) ((JavascriptExecutor) browser.driver)
                        .executeScript("return document.documentElement.clientWidth"))
                .longValue();
        assertThat(where + " scrolls sideways", scrollWidth, lessThanOrEqualTo(viewport));
    }
}
