package dev.paperdigest.common;

import jakarta.ws.rs.core.Response;

/** Thrown by REST resources for what only HTTP knows (413, 415); services throw the domain exceptions of this package. */
public class ProblemException extends RuntimeException {

    private final Response.Status status;

    public ProblemException(Response.Status status, String detail) {
        super(detail);
        this.status = status;
    }

    public Response.Status status() {
        return status;
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(Response.Status.NOT_FOUND, what + " does not exist");
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(Response.Status.BAD_REQUEST, detail);
    }
}
