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
}
