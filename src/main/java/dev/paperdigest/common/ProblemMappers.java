package dev.paperdigest.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.hibernate.validator.runtime.jaxrs.ResteasyReactiveViolationException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.stream.Collectors;

/**
 * Turns every error of the JSON API into problem+json, never a stack trace: the one place where
 * the services' domain exceptions become HTTP statuses.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return Problem.response(e.status(), e.getMessage());
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return Problem.response(Response.Status.NOT_FOUND, e.getMessage());
    }

    @ServerExceptionMapper
    public Response conflict(ConflictException e) {
        return Problem.response(Response.Status.CONFLICT, e.getMessage());
    }

    @ServerExceptionMapper
    public Response invalid(InvalidInputException e) {
        return Problem.response(Response.Status.BAD_REQUEST, e.getMessage());
    }

    /** Quarkus maps this subclass itself (to a JSON report of its own); problem+json wins here. */
    @ServerExceptionMapper
    public Response invalidParameters(ResteasyReactiveViolationException e) {
        return invalid(e);
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e) {
        String detail = e.getConstraintViolations().stream()
                .map(v -> lastNode(v.getPropertyPath().toString()) + " " + v.getMessage())
                .sorted()
                .collect(Collectors.joining("; "));
        return Problem.response(Response.Status.BAD_REQUEST, detail);
    }

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e) {
        return Problem.response(Response.Status.BAD_REQUEST, "the body is not valid JSON: " + e.getOriginalMessage());
    }

    /** Also takes precedence over the built-in mapper, which answers plain JSON. */
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e) {
        String field = e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."));
        return Problem.response(
                Response.Status.BAD_REQUEST,
                (field.isEmpty() ? "the body" : field) + " has an unexpected value: " + e.getOriginalMessage());
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadable(json);
        }
        Response original = e.getResponse();
        if (original.getStatus() >= 500) {
            LOG.error("request failed", e);
        }
        Response.StatusType status = original.getStatusInfo();
        String detail = original.getStatus() >= 500 ? "the server could not handle this request" : e.getMessage();
        return Problem.response(status.getStatusCode(), status.getReasonPhrase(), detail);
    }

    private static String lastNode(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }
}
