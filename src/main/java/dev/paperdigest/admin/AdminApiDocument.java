package dev.paperdigest.admin;

import dev.paperdigest.common.Problem;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/**
 * Shapes the document at {@code /q/openapi}: every error an admin operation can answer is
 * problem+json, the refused logins (401, 403) shared from {@code META-INF/openapi.yaml}, which
 * also holds each operation's examples; the HTML pages are listed with their parameters and form
 * fields, answering HTML, not the template engine's types.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class AdminApiDocument implements OASFilter {

    static final String API = "/api/";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            if (!path.startsWith(API)) {
                item.getOperations().values().forEach(AdminApiDocument::answersHtml);
            }
        });
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

    private static void answersHtml(Operation page) {
        page.getResponses().getAPIResponses().values().stream()
                .filter(response -> response.getContent() != null)
                .flatMap(response -> response.getContent().getMediaTypes().values().stream())
                .forEach(media -> media.schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING)));
    }

    private static void asProblem(APIResponse response) {
        response.content(OASFactory.createContent()
                .addMediaType(
                        Problem.MEDIA_TYPE,
                        OASFactory.createMediaType()
                                .schema(OASFactory.createSchema().ref("Problem"))));
    }
}
