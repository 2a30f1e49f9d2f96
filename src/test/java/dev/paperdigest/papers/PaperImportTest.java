package dev.paperdigest.papers;

import dev.paperdigest.support.Admin;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
class PaperImportTest {

    static byte[] resource(String name) {
        try (InputStream in = PaperImportTest.class.getResourceAsStream("/formats/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void importsHuggingFaceDailyPapersOnceAndOnlyOnce() {
        byte[] daily = resource("hf_daily_papers.json");
        // earlier tests may have imported this file too: count what exists first
        int created = Admin.admin()
                .contentType("application/json")
                .body(daily)
                .when()
                .post("/api/admin/papers/import")
                .then()
                .statusCode(200)
                .body("received", equalTo(30))
                .body("rejected", empty())
                .extract()
                .path("created");
        int updated = Admin.admin()
                .contentType("application/json")
                .body(daily)
                .when()
                .post("/api/admin/papers/import")
                .then()
                .statusCode(200)
                .body("received", equalTo(30))
                .body("created", equalTo(0))
                .body("updated", equalTo(0))
                .body("skipped", equalTo(30))
                .extract()
                .path("updated");
        Assertions.assertTrue(created == 30 || created == 0, "first import created " + created);
        Assertions.assertEquals(0, updated);

        Admin.admin()
                .when()
                .get("/api/admin/papers/2606.00467")
                .then()
                .statusCode(200)
                .body("arxivId", equalTo("2606.00467"))
                .body(
                        "title",
                        equalTo(
                                "On the Limits of LLM Adaptability: Impact of Model-Internalized Priors on Annotation Task Performance"))
                .body("authors", contains("Etienne Casanova", "Rafal Kocielnik", "R. Michael Alvarez"))
                .body("publishedAt", startsWith("2026-05-30T00:00"))
                .body("upvotes", equalTo(0))
                .body("sources", contains("hf"))
                .body("aiKeywords", hasItem("decision stickiness"));
    }

    @Test
    void readsTheOlderSchemaWithWrappedTitles() {
        Admin.admin()
                .contentType("application/json")
                .body(resource("hf_daily_papers_2024-10-25_excerpt.json"))
                .when()
                .post("/api/admin/papers/import")
                .then()
                .statusCode(200)
                .body("received", equalTo(2))
                .body("rejected", empty());
        Admin.admin()
                .when()
                .get("/api/admin/papers/2410.17243")
                .then()
                .statusCode(200)
                .body(
                        "title",
                        equalTo("Breaking the Memory Barrier: Near Infinite Batch Size Scaling for Contrastive Loss"))
                .body("abstractText", not(containsString("\n")))
                .body("upvotes", equalTo(64))
                .body("numComments", equalTo(3))
                .body("listedOn", equalTo("2024-10-25"));
    }

    @Test
    void rejectsBadEntriesButKeepsTheGoodOnes() {
        String body = """
                [
                  {"paper": {"id": "2611.00001", "title": "A good paper", "summary": "It is good.", "authors": [{"name": "Ada Lovelace"}], "upvotes": 3}},
                  {"paper": {"id": "not-an-id", "title": "Bad id", "summary": "x"}},
                  {"paper": {"id": "2611.00002", "summary": "No title here."}},
                  {"paper": {"id": "2611.00003", "title": "Truncated after this"
                """;
        Admin.admin()
                .contentType("application/json")
                .body(body)
                .when()
                .post("/api/admin/papers/import")
                .then()
                .statusCode(200)
                .body("created", equalTo(1))
                .body("rejected", hasSize(3))
                .body("rejected[0].index", equalTo(1))
                .body("rejected[0].reason", containsString("not an arXiv id"))
                .body("rejected[1].index", equalTo(2))
                .body("rejected[1].reason", equalTo("no title"))
                .body("rejected[2].reason", startsWith("malformed document"));
        Admin.admin()
                .when()
                .get("/api/admin/papers/2611.00001")
                .then()
                .statusCode(200)
                .body("authors", contains("Ada Lovelace"));
        Admin.admin().when().get("/api/admin/papers/2611.00003").then().statusCode(404);
    }

    @Test
    void entriesTheDatabaseCouldNotStoreAreRejectedAloneInJsonLines() {
        String longId = "a".repeat(200) + "/9901001";
        String lines = String.join(
                "\n",
                "{\"arxiv_id\": \"2612.00011\", \"title\": \"Kept\", \"abstract\": \"Good.\", \"authors\": [\"Ada Lovelace\"]}",
                "{\"arxiv_id\": \"" + longId + "\", \"title\": \"Long id\", \"abstract\": \"x\"}",
                "{\"arxiv_id\": \"2612.00012\", \"title\": \"Long DOI\", \"abstract\": \"x\", \"doi\": \"10.1/"
                        + "9".repeat(300) + "\"}",
                "{\"arxiv_id\": \"2612.00013\", \"title\": \"Long link\", \"abstract\": \"x\", \"project_page\": \"https://e.org/"
                        + "p".repeat(1000) + "\"}",
                "{\"arxiv_id\": \"2612.00014\", \"title\": \"Script link\", \"abstract\": \"x\", \"github_repo\": \"javascript:alert(1)\"}",
                "{\"arxiv_id\": \"2612.00015\", \"title\": \"NUL\\u0000 inside\", \"abstract\": \"x\", \"comment\": \"a\\u0000b\"}",
                "{\"arxiv_id\": \"2612.00016\", \"title\": \"Also kept\", \"abstract\": \"Good too.\"}");
        Admin.jsonLines(lines)
                .when()
                .post("/api/admin/papers/import")
                .then()
                .statusCode(200)
                .body("received", equalTo(7))
                .body("created", equalTo(2))
                .body("rejected.index", contains(1, 2, 3, 4, 5))
                .body("rejected[2].reason", containsString("link longer than 1000"))
                .body("rejected[3].reason", containsString("not an http(s) address"));
        Admin.admin().when().get("/api/admin/papers/2612.00011").then().statusCode(200);
        Admin.admin().when().get("/api/admin/papers/2612.00016").then().statusCode(200);
        Admin.admin().when().get("/api/admin/papers/2612.00015").then().statusCode(404);
    }

    @Test
    void refusesAnUnknownContentType() {
        Admin.admin()
                .contentType("text/csv")
                .body("a,b")
                .when()
                .post("/api/admin/papers/import")
                .then()
                .statusCode(415)
                .contentType("application/problem+json");
    }
}
