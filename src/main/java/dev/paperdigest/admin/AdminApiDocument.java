package dev.paperdigest.admin;

import dev.paperdigest.common.Problem;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

import java.util.List;

/**
 * Shapes the document at {@code /q/openapi}: it describes the admin API, not the HTML pages, and
 * every error an admin operation can answer is problem+json, the refused logins (401, 403) shared
 * from {@code META-INF/openapi.yaml}, which also holds each operation's examples.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class AdminApiDocument implements OASFilter {

    static final String API = "/api/";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        for (String path : List.copyOf(openAPI.getPaths().getPathItems().keySet())) {
            if (!path.startsWith(API)) {
                openAPI.getPaths().removePathItem(path);
            }
        }
        openAPI.getPaths().getPathItems().values().stream()
                .map(PathItem::getOperations)
                .flatMap(operations -> operations.values().stream())
                .filter(operation -> operation.getSecurity() != null)
                .forEach(AdminApiDocument::describeErrors);
        new UsedSchemas(openAPI).removeTheRest();
    }

    private static void describeErrors(Operation operation) {
        operation
                .getResponses()
                .addAPIResponse("401", OASFactory.createAPIResponse().ref("Unauthorized"));
        operation
                .getResponses()
                .addAPIResponse("403", OASFactory.createAPIResponse().ref("Forbidden"));
        operation.getResponses().getAPIResponses().forEach((code, response) -> {
            if (code.startsWith("4") && response.getRef() == null && response.getContent() == null) {
                asProblem(response);
            }
        });
    }

    private static void asProblem(APIResponse response) {
        response.content(OASFactory.createContent()
                .addMediaType(
                        Problem.MEDIA_TYPE,
                        OASFactory.createMediaType()
                                .schema(OASFactory.createSchema().ref("Problem"))));
    }
}
