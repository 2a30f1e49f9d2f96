package dev.paperdigest.browser;

import dev.paperdigest.support.Admin;
import dev.paperdigest.support.PaperIds;
import dev.paperdigest.support.Subscribers;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

/** The operators' console in a real browser: the password in the address, the charts drawn, a screenshot kept. */
@QuarkusTest
@Tag("browser")
class AdminConsoleInBrowserTest {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @TestHTTPResource("/admin")
    URL console;

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
    void theChartsAreDrawnAtAnyWidth() throws IOException {
        String base = PaperIds.base("2612");
        Admin.jsonLines("""
                        {"arxiv_id": "%s1", "title": "Charts in a browser", "abstract": "Bars.", "authors": ["Ada Lovelace"], "categories": ["cs.LG"]}
                        {"arxiv_id": "%s2", "title": "More charts in a browser", "abstract": "Lines.", "authors": ["Ada Lovelace"], "categories": ["cs.LG"]}
                        """.formatted(base, base))
                .post("/api/admin/papers/import")
                .then()
                .statusCode(200);
        Subscribers.importActive(Subscribers.uniqueEmail("console-browser"), "charts");

        // a browser asks for the password; in the address it is sent for the page itself
        browser.driver.get(console.toString().replace("://", "://admin:" + Admin.PASSWORD + "@"));
        browser.awaitHeading("Operators' console");

        List<WebElement> charts = browser.driver.findElements(By.cssSelector("svg.chart[role=img]"));
        assertThat(charts, hasSize(3));
        for (WebElement chart : charts) {
            assertThat(chart.getAttribute("aria-label"), chart.getSize().getWidth(), greaterThan(600));
            assertThat(chart.getAttribute("aria-label"), chart.getSize().getHeight(), greaterThan(200));
        }
        List<WebElement> bars = browser.driver.findElements(By.cssSelector("#papers g.bars rect"));
        assertThat(bars.get(0).getSize().getHeight(), greaterThan(0));
        // each bar names its day, source and figure on hover
        assertThat(
                bars.stream()
                        .map(bar -> bar.findElement(By.tagName("title")).getAttribute("textContent"))
                        .toList(),
                hasItem(containsString(" · import: ")));
        assertThat(
                browser.driver
                        .findElements(By.cssSelector("#subscribers g.line circle"))
                        .size(),
                greaterThan(0));
        screenshot("admin-console.png");

        // narrow, as on a phone: the charts shrink with the page, and the page does not scroll sideways
        browser.driver.manage().window().setSize(new Dimension(480, 1600));
        long viewport = (Long) browser.driver.executeScript("return document.documentElement.clientWidth");
        long page = (Long) browser.driver.executeScript("return document.documentElement.scrollWidth");
        assertThat(page, lessThanOrEqualTo(viewport));
        for (WebElement chart : browser.driver.findElements(By.cssSelector("svg.chart"))) {
            assertThat(chart.getSize().getWidth(), lessThanOrEqualTo((int) viewport));
            assertThat(chart.getSize().getHeight(), greaterThan(0));
        }
        screenshot("admin-console-narrow.png");
    }

    /** The whole page, however long. */
    private static void screenshot(String name) throws IOException {
        Dimension window = browser.driver.manage().window().getSize();
        long height = (Long) browser.driver.executeScript("return document.documentElement.scrollHeight");
        browser.driver.manage().window().setSize(new Dimension(window.getWidth(), (int) height + 120));
        Files.createDirectories(SCREENSHOTS);
        Files.write(SCREENSHOTS.resolve(name), browser.driver.getScreenshotAs(OutputType.BYTES));
        browser.driver.manage().window().setSize(window);
    }
}
