package dev.paperdigest.admin;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The admin API as its users learn it, from {@code /q/openapi}: every admin route is in the
 * document with a summary, a description and examples that fit its schemas, refuses anyone
 * without a login (401) or without the admin role (403) in problem+json, and names the same kind
 * of field with the same type everywhere.
 */
@QuarkusTest
class ApiDocumentationTest {

    static final String READER_PASSWORD = "test-reader-password";

    Map<String, Object> document;

    @BeforeEach
    void read() {
        document = given().queryParam("format", "json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getMap("");
    }

    record Route(String method, String path) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    @Test
    void everyAdminRouteOfTheCodeIsInTheDocumentAndNothingElse() {
        assertEquals(routesOfTheCode(), documentedRoutes().keySet());
    }

    @Test
    void everyOperationHasASummaryADescriptionAndExamples() {
        List<String> missing = new ArrayList<>();
        documentedRoutes().forEach((route, operation) -> {
            if (blank(operation.get("summary"))) {
                missing.add(route + ": summary");
            }
            if (blank(operation.get("description"))) {
                missing.add(route + ": description");
            }
            Map<String, Object> body = map(operation.get("requestBody"));
            if (body != null && !hasExamples(map(body.get("content")))) {
                missing.add(route + ": request example");
            }
            map(operation.get("responses")).forEach((code, response) -> {
                Map<String, Object> content = map(map(response).get("content"));
                if (code.startsWith("2") && content != null && !hasExamples(content)) {
                    missing.add(route + ": example of " + code);
                }
                if (code.startsWith("2") && blank(map(response).get("description"))) {
                    missing.add(route + ": description of " + code);
                }
            });
            for (String refusal : List.of("401", "403")) {
                if (!map(operation.get("responses")).containsKey(refusal)) {
                    missing.add(route + ": " + refusal);
                }
            }
        });
        assertEquals(List.of(), missing);
    }

    @Test
    void thePagesAnswerHtmlAndTheirTemplatesStayOutOfTheDocument() {
        Map<String, Object> home =
                map(map(map(map(document.get("paths")).get("/")).get("get")).get("responses"));
        assertEquals(
                Map.of("type", "string"),
                map(map(map(map(home.get("200")).get("content")).get("text/html"))
                        .get("schema")));
        Set<String> schemas =
                map(map(document.get("components")).get("schemas")).keySet();
        assertTrue(schemas.stream().noneMatch(name -> name.startsWith("Template")), schemas.toString());
    }

    @Test
    void everyExampleHasOnlyFieldsItsSchemaHas() {
        List<String> wrong = new ArrayList<>();
        documentedRoutes().forEach((route, operation) -> {
            List<Map<String, Object>> contents = new ArrayList<>();
            Map<String, Object> body = map(operation.get("requestBody"));
            if (body != null) {
                contents.add(map(body.get("content")));
            }
            map(operation.get("responses")).values().stream()
                    .map(response -> map(map(response).get("content")))
                    .filter(content -> content != null)
                    .forEach(contents::add);
            for (Map<String, Object> content : contents) {
                content.forEach((type, media) -> {
                    Map<String, Object> schema = map(map(media).get("schema"));
                    Map<String, Object> examples = map(map(media).get("examples"));
                    if (schema == null || examples == null) {
                        return;
                    }
                    examples.forEach((name, example) ->
                            checkFields(route + " " + type + " example " + name, value(map(example)), schema, wrong));
                });
            }
        });
        assertEquals(List.of(), wrong);
    }

    @Test
    void everyAdminRouteRefusesAnonymousUsersAndUsersWithoutTheRole() {
        for (Route route : documentedRoutes().keySet()) {
            String path = route.path().replaceAll("\\{[^}]+}", "1");
            Response anonymous = request(given(), route.method(), path);
            assertEquals(401, anonymous.statusCode(), route + " without a login");
            assertEquals("application/problem+json", anonymous.contentType(), route + " without a login");
            assertEquals(401, anonymous.jsonPath().getInt("status"), route + " without a login");

            Response reader =
                    request(given().auth().preemptive().basic("reader", READER_PASSWORD), route.method(), path);
            assertEquals(403, reader.statusCode(), route + " as a user without the admin role");
            assertEquals("application/problem+json", reader.contentType(), route + " without the role");
            assertEquals(403, reader.jsonPath().getInt("status"), route + " without the role");
        }
    }

    @Test
    void theSameKindOfFieldHasTheSameTypeEverywhere() {
        Map<String, Object> schemas = map(map(document.get("components")).get("schemas"));
        List<String> wrong = new ArrayList<>();
        schemas.forEach((name, schema) -> {
            Map<String, Object> properties = map(map(schema).get("properties"));
            if (properties == null) {
                return;
            }
            properties.forEach((field, property) -> {
                Map<String, Object> resolved = resolve(map(property));
                String where = name + "." + field;
                if (field.equals("status") && !name.equals("Problem") && resolved.get("enum") == null) {
                    wrong.add(where + " is not an enum");
                }
                if (field.endsWith("At") && !"date-time".equals(resolved.get("format"))) {
                    wrong.add(where + " is not an ISO instant (date-time)");
                }
                if ((field.equals("date") || field.equals("listedOn")) && !"date".equals(resolved.get("format"))) {
                    wrong.add(where + " is not an ISO day (date)");
                }
                boolean numericId =
                        field.equals("id") || field.endsWith("Id") && "integer".equals(resolved.get("type"));
                if (numericId && !"int64".equals(resolved.get("format"))) {
                    wrong.add(where + " is not a 64-bit integer");
                }
            });
        });
        assertEquals(List.of(), wrong);
    }

    // ---- the routes the code has ----

    private static Set<Route> routesOfTheCode() {
        Set<Route> routes = new TreeSet<>((a, b) -> a.toString().compareTo(b.toString()));
        for (Class<?> resource : adminClasses()) {
            Path base = resource.getAnnotation(Path.class);
            if (base == null || !base.value().startsWith("/api/admin")) {
                continue;
            }
            for (Method method : resource.getDeclaredMethods()) {
                String verb = method.isAnnotationPresent(GET.class)
                        ? "get"
                        : method.isAnnotationPresent(POST.class)
                                ? "post"
                                : method.isAnnotationPresent(DELETE.class)
                                        ? "delete"
                                        : method.isAnnotationPresent(PUT.class) ? "put" : null;
                if (verb != null) {
                    Path sub = method.getAnnotation(Path.class);
                    String path = sub == null
                            ? base.value()
                            : base.value() + "/" + sub.value().replaceAll("\\{(\\w+)\\s*:[^}]*}", "{$1}");
                    routes.add(new Route(verb, path));
                }
            }
        }
        return routes;
    }

    private static List<Class<?>> adminClasses() {
        java.nio.file.Path folder = java.nio.file.Path.of("target/classes/dev/paperdigest/admin");
        try (Stream<java.nio.file.Path> files = Files.walk(folder)) {
            return files.map(file -> folder.relativize(file).toString())
                    .filter(name -> name.endsWith(".class") && !name.contains("$"))
                    .map(name ->
                            "dev.paperdigest.admin." + name.replace('/', '.').replace(".class", ""))
                    .map(ApiDocumentationTest::load)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, ApiDocumentationTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
        }
    }

    // ---- reading the document ----

    private Map<Route, Map<String, Object>> documentedRoutes() {
        Map<Route, Map<String, Object>> routes =
                new java.util.TreeMap<>((a, b) -> a.toString().compareTo(b.toString()));
        map(document.get("paths"))
                .forEach((path, item) -> map(item).forEach((method, operation) -> {
                    if (path.startsWith("/api/admin")
                            && Set.of("get", "post", "put", "delete", "patch").contains(method)) {
                        routes.put(new Route(method, path), map(operation));
                    }
                }));
        return routes;
    }

    private static boolean hasExamples(Map<String, Object> content) {
        return content != null
                && content.values().stream().anyMatch(media -> {
                    Map<String, Object> examples = map(map(media).get("examples"));
                    return (examples != null && !examples.isEmpty())
                            || map(media).get("example") != null;
                });
    }

    /** An example's value, following a reference to the shared examples. */
    private Object value(Map<String, Object> example) {
        Object ref = example.get("$ref");
        return ref == null
                ? example.get("value")
                : map(component(ref.toString())).get("value");
    }

    private Map<String, Object> resolve(Map<String, Object> schema) {
        Object ref = schema.get("$ref");
        return ref == null ? schema : map(component(ref.toString()));
    }

    private Object component(String ref) {
        String[] parts = ref.replace("#/", "").split("/");
        Object at = document;
        for (String part : parts) {
            at = map(at).get(part);
        }
        return at;
    }

    /** Checks that an example object has no field its schema lacks, down through objects and arrays. */
    private void checkFields(String where, Object value, Map<String, Object> schema, List<String> wrong) {
        Map<String, Object> resolved = resolve(schema);
        if (value instanceof Map<?, ?> object && resolved.get("properties") != null) {
            Map<String, Object> properties = map(resolved.get("properties"));
            object.forEach((field, fieldValue) -> {
                if (!properties.containsKey(field.toString())) {
                    wrong.add(where + ": " + field + " is not a field of the schema");
                } else {
                    checkFields(where + "." + field, fieldValue, map(properties.get(field.toString())), wrong);
                }
            });
        } else if (value instanceof List<?> list && resolved.get("items") != null) {
            list.forEach(item -> checkFields(where + "[]", item, map(resolved.get("items")), wrong));
        }
    }

    private static Response request(RequestSpecification request, String method, String path) {
        return request.when()
                .request(method.toUpperCase(java.util.Locale.ROOT), path)
                .andReturn();
    }

    private static boolean blank(Object text) {
        return text == null || text.toString().isBlank();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }
}
