package dev.paperdigest.browser;

import dev.paperdigest.support.Admin;
import dev.paperdigest.support.Mailbox;
import dev.paperdigest.support.PaperIds;
import dev.paperdigest.support.Subscribers;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.OutputType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.not;

/**
 * The emails' HTML parts, as they arrive, in Chromium: on a 320 px phone they do not scroll
 * sideways (a digest title that is one long word included), and in a mail client's dark mode
 * (prefers-color-scheme emulated) they turn dark with text that stays readable (WCAG AA contrast).
 * Screenshots are kept under target/screenshots/.
 */
@QuarkusTest
@Tag("browser")
class EmailsInBrowserTest {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    /** Gmail cuts off a message's HTML beyond 102 kB; a full digest must stay well under. */
    static final int GMAIL_CLIPS_AT = 102 * 1024;

    static Browser browser;

    private final String topic = "quoll" + UUID.randomUUID().toString().substring(0, 6);

    @BeforeAll
    static void start() {
        browser = new Browser();
    }

    @AfterAll
    static void stop() {
        browser.close();
    }

    @Test
    void aFullDigestFitsAPhoneAndStaysReadableInDarkMode() throws Exception {
        Mailbox.Received digest = fullDigest();
        assertColorSchemes(digest.html());
        int htmlBytes = digest.html().getBytes(StandardCharsets.UTF_8).length;
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        digest.message().writeTo(raw);
        assertThat("HTML part, bytes", htmlBytes, lessThan(GMAIL_CLIPS_AT / 2));
        // both parts, each with 25 papers' "more / fewer like this" links (about 17 kB of the 79 kB)
        assertThat("whole message as sent, bytes", raw.size(), lessThan(GMAIL_CLIPS_AT * 7 / 8));

        open("digest", digest.html());
        assertThat(number("return document.querySelectorAll('table.p').length"), equalTo(25L));
        assertThat(
                "every card fits",
                number("return Math.max(...[...document.querySelectorAll('table.p')]"
                        + ".map(t => t.getBoundingClientRect().right))"),
                lessThanOrEqualTo(320L));
        List<String> readable = List.of("p.s", "p.t a", "p.m", "p.l a", "p.y", "p.c", "p.f a");
        String lightBackground = assertReadable(readable, false);
        screenshot("digest-320-light.png");

        darkMode(true);
        String darkBackground = assertReadable(readable, true);
        assertThat(darkBackground, not(equalTo(lightBackground)));
        assertThat(number("return document.documentElement.scrollWidth"), lessThanOrEqualTo(320L));
        screenshot("digest-320-dark.png");

        cdp(
                "Emulation.setDeviceMetricsOverride",
                Map.of("width", 1280, "height", 1400, "deviceScaleFactor", 1, "mobile", false));
        screenshot("digest-1280-dark.png");
        darkMode(false);
        screenshot("digest-1280-light.png");
    }

    @Test
    void theConfirmationEmailFitsAPhoneAndStaysReadableInDarkMode() throws Exception {
        String email = Subscribers.uniqueEmail("dark-confirm");
        Subscribers.signUp(email, topic + "\n\"mixture of experts\"", "Mike Lewis", "cs.CL");
        Mailbox.Received confirmation = Mailbox.await(email, 1).get(0);
        assertColorSchemes(confirmation.html());

        open("confirm", confirmation.html());
        List<String> readable = List.of("h1", "li", "p.m", "p.m a", "a.btn");
        assertReadable(readable, false);
        screenshot("confirm-320-light.png");
        darkMode(true);
        assertReadable(readable, true);
        screenshot("confirm-320-dark.png");
    }

    private static void assertColorSchemes(String html) {
        assertThat(html, containsString("<meta name=\"color-scheme\" content=\"light dark\">"));
        assertThat(html, containsString("<meta name=\"supported-color-schemes\" content=\"light dark\">"));
        assertThat(html, containsString("@media (prefers-color-scheme:dark)"));
    }

    /** Opens an email's HTML as a 320 px wide phone would show it, in light mode; it must not scroll sideways. */
    private static void open(String name, String html) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Path page = SCREENSHOTS.resolve(name + ".html");
        Files.writeString(page, html);
        darkMode(false);
        cdp(
                "Emulation.setDeviceMetricsOverride",
                Map.of("width", 320, "height", 1400, "deviceScaleFactor", 1, "mobile", true));
        browser.driver.get(page.toUri().toString());
        assertThat(number("return window.innerWidth"), equalTo(320L));
        assertThat(
                "no sideways scrolling at 320 px",
                number("return document.documentElement.scrollWidth"),
                lessThanOrEqualTo(320L));
    }

    private static void darkMode(boolean dark) {
        cdp(
                "Emulation.setEmulatedMedia",
                Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", dark ? "dark" : "light"))));
        assertThat(
                browser.driver.executeScript("return matchMedia('(prefers-color-scheme: dark)').matches"),
                equalTo(dark));
    }

    /**
     * Each element's text has a contrast of at least 4.5 (WCAG AA) against what is behind it (the
     * nearest ancestor with a background), and the page is dark, or light, as asked. Returns the
     * page's background.
     */
    private static String assertReadable(List<String> selectors, boolean dark) {
        String page = (String) browser.driver.executeScript("return getComputedStyle(document.body).backgroundColor");
        assertThat("page background " + page, luminance(page) < 0.05, equalTo(dark));
        assertThat("page background " + page, luminance(page) > 0.8, equalTo(!dark));
        for (String selector : selectors) {
            String text = (String) browser.driver.executeScript(
                    "return getComputedStyle(document.querySelector(arguments[0])).color", selector);
            String behind = (String) browser.driver.executeScript(
                    "for (let e = document.querySelector(arguments[0]); e; e = e.parentElement) {"
                            + " const c = getComputedStyle(e).backgroundColor;"
                            + " if (c !== 'rgba(0, 0, 0, 0)' && c !== 'transparent') return c; }"
                            + " return getComputedStyle(document.body).backgroundColor",
                    selector);
            assertThat(
                    selector + ": " + text + " on " + behind + (dark ? " (dark)" : " (light)"),
                    contrast(text, behind),
                    greaterThanOrEqualTo(4.5));
        }
        return page;
    }

    /** 27 matching papers with long titles, abstracts and author lists: the digest shows 25 and counts 2 more. */
    private Mailbox.Received fullDigest() {
        // a test paper id is a base and one digit: three bases for 27 papers
        List<String> bases = List.of(PaperIds.base("2612"), PaperIds.base("2612"), PaperIds.base("2612"));
        String filler = "We study " + topic + " at scale and report careful ablations over several benchmarks. ";
        String lines = IntStream.range(0, 27)
                .mapToObj(n -> """
                        {"arxiv_id": "%s", "title": "%s", "abstract": "%s", "authors": [%s], "categories": ["cs.CL", "cs.LG", "stat.ML"], "upvotes": %d}
                        """.formatted(
                                bases.get(n / 10) + (n % 10),
                                n == 0
                                        ? "<script>alert(1)</script> Unbreakable" + "x".repeat(140) + " " + topic
                                        : "A long title about " + topic + " number " + n
                                                + " that goes on to say what the method does, how, and why",
                                filler.repeat(12),
                                IntStream.range(0, 9)
                                        .mapToObj(a -> "\"Author " + a + " Of " + n + "\"")
                                        .collect(Collectors.joining(", ")),
                                100 - n))
                .collect(Collectors.joining());
        Admin.jsonLines(lines)
                .post("/api/admin/papers/import")
                .then()
                .statusCode(200)
                .body("created", equalTo(27));
        String email = Subscribers.uniqueEmail("dark-reader");
        Subscribers.importActive(email, topic);
        int run = Admin.admin()
                .contentType("application/json")
                .body("{\"date\": \"" + LocalDate.now(ZoneId.of("Europe/Berlin")) + "\"}")
                .post("/api/admin/digest-runs")
                .then()
                .statusCode(202)
                .extract()
                .path("id");
        assertThat(
                Admin.awaitFinished("/api/admin/digest-runs/" + run, Duration.ofSeconds(60))
                        .getString("status"),
                equalTo("SUCCEEDED"));
        Mailbox.Received digest = Mailbox.await(email, 1).get(0);
        assertThat(digest.subject(), containsString("27 new papers"));
        return digest;
    }

    private static final Pattern RGB = Pattern.compile("rgba?\\((\\d+), (\\d+), (\\d+)");

    private static double luminance(String cssColor) {
        Matcher rgb = RGB.matcher(cssColor);
        if (!rgb.find()) {
            throw new AssertionError("not an rgb() color: " + cssColor);
        }
        double[] channels = new double[3];
        for (int i = 0; i < 3; i++) {
            double c = Integer.parseInt(rgb.group(i + 1)) / 255.0;
            channels[i] = c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2];
    }

    private static double contrast(String foreground, String background) {
        double a = luminance(foreground);
        double b = luminance(background);
        return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    }

    private static long number(String script) {
        return ((Number) browser.driver.executeScript(script)).longValue();
    }

    private static void cdp(String command, Map<String, Object> parameters) {
        browser.driver.executeCdpCommand(command, parameters);
    }

    private static void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Files.write(SCREENSHOTS.resolve(name), browser.driver.getScreenshotAs(OutputType.BYTES));
    }
}
