package dev.paperdigest.digests;

import dev.paperdigest.support.Admin;
import dev.paperdigest.support.Links;
import dev.paperdigest.support.Mailbox;
import dev.paperdigest.support.PaperIds;
import dev.paperdigest.support.Subscribers;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

/**
 * With {@code digest.delivery.weekly-day=THURSDAY}, weekly digests cover Thursday to Wednesday and
 * go out on Thursdays, and every page and email that says when digests arrive says Thursday.
 */
@QuarkusTest
@TestProfile(WeeklyDayTest.Thursdays.class)
class WeeklyDayTest {

    public static class Thursdays implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("digest.delivery.weekly-day", "THURSDAY");
        }
    }

    private final String topic = "numbat" + UUID.randomUUID().toString().substring(0, 6);

    @Test
    void thePagesAndEmailsNameTheConfiguredDay() {
        RestAssured.get("/subscribe")
                .then()
                .statusCode(200)
                .body(
                        containsString("Weekly (Thursdays)"),
                        containsString("once a week, on Thursdays"),
                        not(containsString("Monday")));

        String email = Subscribers.uniqueEmail("thursday");
        signUpWeekly(email);
        Mailbox.Received confirmation = Mailbox.await(email, 1).get(0);
        assertThat(confirmation.text(), containsString("Digests arrive every Thursday at 07:00 (Asia/Tokyo)."));
        assertThat(confirmation.html(), containsString("Digests arrive every Thursday at 07:00 (Asia/Tokyo)."));

        RestAssured.post(Links.pathAndQuery(confirmation.link("http://localhost:8080/confirm?token=")))
                .then()
                .statusCode(200)
                .body(
                        containsString("Digests arrive every Thursday at 07:00 (Asia/Tokyo)"),
                        not(containsString("Monday")));
        RestAssured.get(Links.pathAndQuery(confirmation.link("http://localhost:8080/manage?token=")))
                .then()
                .statusCode(200)
                .body(containsString("selected>Weekly (Thursdays)</option>"), not(containsString("Monday")));
    }

    @Test
    void aWeeklyDigestCoversThursdayToWednesday() {
        String base = PaperIds.base("2612");
        String email = Subscribers.uniqueEmail("thursday-digest");
        signUpWeekly(email);
        Subscribers.confirm(Mailbox.await(email, 1).get(0));

        importPaper(base + "1", "First");
        DigestDeliveryTest.runDigests("2026-12-07"); // a Monday: the week begun Thursday the 3rd
        Mailbox.Received first = Mailbox.await(email, 2).get(1);
        assertThat(first.subject(), equalTo("1 new paper for you · Paper Digest, week of Thursday, December 3, 2026"));
        assertThat(first.header("Message-ID"), matchesPattern("<digest\\.2026-W49\\.[A-Za-z0-9_-]+@localhost>"));
        assertThat(first.text(), containsString("Paper Digest · week of Thursday, December 3, 2026"));
        assertThat(periods(email), equalTo(List.of("2026-W49")));

        // Wednesday is still that week: nothing more, though a new paper came
        importPaper(base + "2", "Second");
        DigestDeliveryTest.runDigests("2026-12-09");
        Mailbox.assertNoMoreArrive(email, 2);

        // Thursday starts the next one
        DigestDeliveryTest.runDigests("2026-12-10");
        Mailbox.Received second = Mailbox.await(email, 3).get(2);
        assertThat(
                second.subject(), equalTo("1 new paper for you · Paper Digest, week of Thursday, December 10, 2026"));
        assertThat(second.text(), allOf(containsString("Second " + topic), not(containsString("First " + topic))));
        assertThat(periods(email), equalTo(List.of("2026-W50", "2026-W49")));
    }

    private void signUpWeekly(String email) {
        RestAssured.given()
                .contentType("application/x-www-form-urlencoded")
                .formParam("email", email)
                .formParam("keywords", topic)
                .formParam("frequency", "weekly")
                .formParam("sendHour", "7")
                .formParam("timezone", "Asia/Tokyo")
                .post("/subscribe")
                .then()
                .statusCode(200)
                .body(containsString("Check your inbox"));
    }

    private void importPaper(String id, String word) {
        DigestDeliveryTest.importPapers("""
                [{"paper": {"id": "%s", "title": "%s %s", "summary": "On %s.", "authors": [{"name": "Ada Lovelace"}]}}]
                """.formatted(id, word, topic, topic));
    }

    private static List<Object> periods(String email) {
        return Admin.deliveriesOf(Subscribers.id(email)).stream()
                .map(d -> d.get("period"))
                .toList();
    }
}
