package dev.paperdigest.subscriptions;

import dev.paperdigest.support.Admin;
import dev.paperdigest.support.Links;
import dev.paperdigest.support.Mailbox;
import dev.paperdigest.support.Subscribers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

/** The forms' categories picker: arXiv's names, grouped as arXiv groups them, posting the field categories. */
@QuarkusTest
class CategoryPickerTest {

    /** The {@code <details>} of one group of the picker, from its summary to its end. */
    static String group(String page, String name) {
        String start = "<summary>" + name;
        int at = page.indexOf(start);
        assertThat(page, containsString(start));
        return page.substring(at, page.indexOf("</details>", at));
    }

    @Test
    void theFormOffersEveryCategoryByNameUnderItsGroup() {
        String page =
                RestAssured.get("/subscribe").then().statusCode(200).extract().asString();

        assertThat(
                group(page, "Computer Science"),
                allOf(
                        containsString("<code>cs.CL</code> — Computation and Language"),
                        containsString("<code>cs.*</code> — all of Computer Science"),
                        containsString("name=\"categories\" value=\"cs.LG\""),
                        not(containsString("math.AG"))));
        assertThat(
                group(page, "Mathematics"),
                allOf(containsString("<code>math.AG</code> — Algebraic Geometry"), not(containsString("cs.CL"))));
        assertThat(
                group(page, "Physics"),
                allOf(
                        containsString("<code>quant-ph</code> — Quantum Physics"),
                        containsString("<code>cond-mat.*</code> — all of Condensed Matter"),
                        containsString("<code>physics.optics</code> — Optics")));
        assertThat(group(page, "Statistics"), containsString("<code>stat.ML</code> — Machine Learning"));
        assertThat(group(page, "Quantitative Biology"), containsString("<code>q-bio.QM</code> — Quantitative Methods"));
        assertThat(
                group(page, "Electrical Engineering and Systems Science"),
                containsString("<code>eess.AS</code> — Audio and Speech Processing"));
        assertThat("nothing is chosen on a blank form", page, not(containsString(" checked")));
    }

    @Test
    void pickedCategoriesAreFollowedAndShownPickedOnTheManagePage() {
        String email = Subscribers.uniqueEmail("picker");
        RestAssured.given()
                .contentType("application/x-www-form-urlencoded")
                .formParam("email", email)
                .formParam("keywords", "")
                .formParam("authors", "")
                .formParam("categories", "cs.CL")
                .formParam("categories", "stat.*")
                .formParam("categories", "")
                .formParam("frequency", "daily")
                .formParam("sendHour", "8")
                .formParam("timezone", "UTC")
                .post("/subscribe")
                .then()
                .statusCode(200)
                .body(containsString("Check your inbox"));
        Subscribers.confirm(Mailbox.await(email, 1).get(0));
        Admin.admin()
                .get("/api/admin/subscribers/" + Subscribers.id(email))
                .then()
                .body("subscriptions.query", containsInAnyOrder("cs.CL", "stat.*"));

        Subscribers.signUp(email, "ignored", "", "");
        String manage = Links.pathAndQuery(Mailbox.await(email, 2).get(1).link("http://localhost:8080/manage?token="));
        String page = RestAssured.get(manage).then().statusCode(200).extract().asString();
        assertThat(
                group(page, "Computer Science"),
                allOf(containsString("1 chosen"), containsString("value=\"cs.CL\" checked")));
        assertThat(page, containsString("<details open>\n    <summary>Computer Science"));
        assertThat(group(page, "Statistics"), containsString("value=\"stat.*\" checked"));
        assertThat(group(page, "Mathematics"), not(containsString("checked")));
        assertThat(
                "the codes field holds only what the picker cannot show",
                page,
                containsString("id=\"categories\" name=\"categories\" value=\"\""));
    }

    @Test
    void anUnknownCodeTypedBesideThePickerGetsAClearMessageAndStaysAsTyped() {
        String page = RestAssured.given()
                .contentType("application/x-www-form-urlencoded")
                .formParam("email", Subscribers.uniqueEmail("unknown-code"))
                .formParam("categories", "cs.LG")
                .formParam("categories", "cs.XX, CL")
                .formParam("frequency", "daily")
                .formParam("sendHour", "8")
                .formParam("timezone", "UTC")
                .post("/subscribe")
                .then()
                .statusCode(400)
                .extract()
                .asString();

        assertThat(
                page,
                allOf(
                        containsString(
                                "Category &quot;cs.XX&quot; is not an arXiv category: use a code such as cs.CL, or cs.* for a whole archive"),
                        containsString("Category &quot;CL&quot; is not an arXiv category: did you mean cs.CL?"),
                        containsString("id=\"categories\" name=\"categories\" value=\"cs.XX, CL\""),
                        containsString("value=\"cs.LG\" checked")));
    }
}
