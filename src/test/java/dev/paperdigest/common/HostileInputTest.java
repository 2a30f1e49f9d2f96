package dev.paperdigest.common;

import dev.paperdigest.support.Admin;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.net.SocketException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every route the application declares (read from its own OpenAPI document, so a new route is
 * walked without anyone adding it here) gets hostile input: wrong types, huge numbers, overlong
 * strings, NUL and line breaks, markup, bad UTF-8, wrong content types. None may answer 5xx, and
 * no HTML answer may carry the markup unescaped.
 */
@QuarkusTest
class HostileInputTest {

    static final String MARKUP = "<script>alert(1)</script>";
    static final List<String> VALUES = List.of(
            MARKUP,
            "-1",
            "2147483647",
            "2147483648",
            "99999999999999999999999",
            "1e308",
            "NaN",
            "x".repeat(5000),
            "a\u0000b",
            "line\r\nX-Injected: yes",
            "../../etc/passwd",
            "' OR '1'='1",
            "\\a%_",
            "+999999999-01-01",
            "",
            "[]",
            "{}",
            "null",
            "\uD83D\uDE00 \u202E");
    /** Bodies that are not what the route expects, in whatever content type it declares. */
    static final List<String> BODIES = List.of(
            "not json at all",
            "[]",
            "{}",
            "[1, 2",
            "{\"a\": " + "[".repeat(3000) + "}",
            "{\"date\": \"" + MARKUP + "\", \"source\": 12, \"dryRun\": \"yes\"}",
            "<feed><entry><id>" + MARKUP + "</id></entry></feed>",
            "{\"email\": \"" + MARKUP + "\", \"keywords\": [\"" + MARKUP + "\"]}\n\u0000\n{",
            "email=" + URLEncoder.encode(MARKUP, StandardCharsets.UTF_8) + "&sendHour=99999999999&frequency=%00");

    static final byte[] BAD_UTF8 = {'{', '"', 't', '"', ':', '"', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, '"', '}'};
    static final List<String> CONTENT_TYPES = List.of(
            "application/json",
            "application/x-www-form-urlencoded",
            "application/x-ndjson",
            "application/atom+xml",
            "text/plain",
            "multipart/form-data; boundary=x");
    /** Answers that start work a hostile request must not cause here: a run for every subscriber of the suite. */
    static final Set<String> NO_EMPTY_BODY = Set.of("/api/admin/digest-runs");

    @Test
    void noRouteAnswers5xxOrEchoesMarkupToHostileInput() {
        JsonPath api = RestAssured.given()
                .queryParam("format", "json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        Map<String, Map<String, Object>> paths = api.getMap("paths");
        assertTrue(paths.size() > 20, "the OpenAPI document lists the routes: " + paths.keySet());
        List<String> failures = new ArrayList<>();
        int requests = 0;
        for (var path : paths.entrySet()) {
            for (var operation : path.getValue().entrySet()) {
                String method = operation.getKey().toUpperCase();
                if (!Set.of("GET", "POST", "PUT", "DELETE", "PATCH").contains(method)) {
                    continue;
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> details = (Map<String, Object>) operation.getValue();
                for (String value : VALUES) {
                    requests += attempt(failures, method, path.getKey(), details, value, null, null);
                }
                if (!method.equals("GET") && !method.equals("DELETE")) {
                    for (String type : CONTENT_TYPES) {
                        for (String body : BODIES) {
                            requests += attempt(
                                    failures,
                                    method,
                                    path.getKey(),
                                    details,
                                    "1",
                                    type,
                                    body.getBytes(StandardCharsets.UTF_8));
                        }
                        requests += attempt(failures, method, path.getKey(), details, "1", type, BAD_UTF8);
                    }
                }
            }
        }
        assertTrue(
                failures.isEmpty(),
                requests + " requests, " + failures.size() + " failed:\n" + String.join("\n", failures));
    }

    /**
     * A request line longer than the server takes (Vert.x: 4,096 bytes) is answered 414 and the
     * connection closed at once; a client still writing a long one then sees its pipe broken.
     */
    private static boolean refusedOverlongLine(Exception e, String path, Map<String, String> query) {
        int line = path.length()
                + query.entrySet().stream()
                        .mapToInt(q -> q.getKey().length() + q.getValue().length() + 2)
                        .sum();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SocketException && line > 4096) {
                return true;
            }
        }
        return false;
    }

    /** One request with every path and query parameter set to {@code value}; as the admin and as nobody. */
    @SuppressWarnings("unchecked")
    private static int attempt(
            List<String> failures,
            String method,
            String template,
            Map<String, Object> details,
            String value,
            String contentType,
            byte[] body) {
        String path = template;
        Map<String, String> query = new LinkedHashMap<>();
        for (Map<String, Object> parameter :
                (List<Map<String, Object>>) details.getOrDefault("parameters", List.of())) {
            String name = (String) parameter.get("name");
            if ("path".equals(parameter.get("in"))) {
                path = path.replace(
                        "{" + name + "}",
                        URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20"));
            } else if ("query".equals(parameter.get("in"))) {
                query.put(name, value);
            }
        }
        if (body == null && !method.equals("GET") && !method.equals("DELETE") && NO_EMPTY_BODY.contains(template)) {
            body = ("{\"date\": \"" + value + "\"}").getBytes(StandardCharsets.UTF_8);
            contentType = "application/json";
        }
        int sent = 0;
        for (boolean asAdmin : List.of(true, false)) {
            RequestSpecification request = (asAdmin ? Admin.admin() : RestAssured.given()).urlEncodingEnabled(true);
            query.forEach(request::queryParam);
            if (body != null && contentType.startsWith("application/x-www-form-urlencoded")) {
                // RestAssured sends forms from text only; ISO-8859-1 keeps every byte as it is
                request.contentType(contentType + "; charset=ISO-8859-1")
                        .body(new String(body, StandardCharsets.ISO_8859_1));
            } else if (body != null) {
                request.contentType(contentType).body(body);
            }
            String what = method + " " + path + " " + query + (contentType == null ? "" : " as " + contentType)
                    + (body == null ? "" : " body " + abbreviate(new String(body, StandardCharsets.UTF_8)))
                    + (asAdmin ? " (admin)" : "");
            try {
                Response response = request.request(method, path);
                sent++;
                if (response.statusCode() >= 500) {
                    failures.add(response.statusCode() + " for " + what + ": " + abbreviate(response.asString()));
                } else if (String.valueOf(response.contentType()).startsWith("text/html")
                        && response.asString().contains(MARKUP)) {
                    failures.add("markup echoed for " + what);
                }
            } catch (Exception e) { // RestAssured throws I/O errors unchecked
                if (!refusedOverlongLine(e, path, query)) {
                    failures.add(e + " for " + what);
                }
            }
        }
        return sent;
    }

    private static String abbreviate(String text) {
        String oneLine = text.replace("\n", "\\n").replace("\r", "\\r");
        return oneLine.length() > 160 ? oneLine.substring(0, 160) + "…" : oneLine;
    }
}
