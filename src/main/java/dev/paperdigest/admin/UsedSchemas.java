package dev.paperdigest.admin;

import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The component schemas an OpenAPI document's operations and shared responses use, directly or
 * through other schemas; the pages' own types (templates and the like) are left out once
 * {@link AdminApiDocument} has made the pages answer plain HTML. SmallRye's own removal of unused
 * schemas runs before that filter, so it still sees them used.
 */
final class UsedSchemas {

    private static final String PREFIX = "#/components/schemas/";

    private final OpenAPI openAPI;
    private final Set<String> used = new HashSet<>();
    private final Deque<Schema> toVisit = new ArrayDeque<>();

    UsedSchemas(OpenAPI openAPI) {
        this.openAPI = openAPI;
    }

    void removeTheRest() {
        Map<String, Schema> schemas = openAPI.getComponents().getSchemas();
        if (schemas == null) {
            return;
        }
        openAPI.getPaths().getPathItems().values().stream()
                .flatMap(item -> item.getOperations().values().stream())
                .forEach(operation -> {
                    if (operation.getParameters() != null) {
                        operation.getParameters().stream()
                                .map(Parameter::getSchema)
                                .forEach(this::visit);
                    }
                    if (operation.getRequestBody() != null) {
                        visit(operation.getRequestBody().getContent());
                    }
                    operation.getResponses().getAPIResponses().values().forEach(r -> visit(r.getContent()));
                });
        if (openAPI.getComponents().getResponses() != null) {
            openAPI.getComponents().getResponses().values().forEach(r -> visit(r.getContent()));
        }
        while (!toVisit.isEmpty()) {
            Schema schema = toVisit.pop();
            String ref = schema.getRef();
            if (ref != null && ref.startsWith(PREFIX) && used.add(ref.substring(PREFIX.length()))) {
                visit(schemas.get(ref.substring(PREFIX.length())));
            }
            Stream.of(
                            schema.getProperties() == null
                                    ? Stream.<Schema>empty()
                                    : schema.getProperties().values().stream(),
                            Stream.of(schema.getItems(), schema.getAdditionalPropertiesSchema(), schema.getNot()),
                            members(schema.getAllOf()),
                            members(schema.getAnyOf()),
                            members(schema.getOneOf()))
                    .flatMap(s -> s)
                    .forEach(this::visit);
        }
        List.copyOf(schemas.keySet()).stream()
                .filter(name -> !used.contains(name))
                .forEach(openAPI.getComponents()::removeSchema);
    }

    private static Stream<Schema> members(List<Schema> schemas) {
        return schemas == null ? Stream.empty() : schemas.stream();
    }

    private void visit(Content content) {
        if (content != null && content.getMediaTypes() != null) {
            content.getMediaTypes().values().forEach(media -> visit(media.getSchema()));
        }
    }

    private void visit(Schema schema) {
        if (schema != null) {
            toVisit.push(Objects.requireNonNull(schema));
        }
    }
}
