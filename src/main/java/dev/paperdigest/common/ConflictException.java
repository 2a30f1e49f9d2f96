package dev.paperdigest.common;

/** A request does not fit the current state (a run already ended, a delivery already sent); the API answers 409. */
public class ConflictException extends RuntimeException {

    public ConflictException(String detail) {
        super(detail);
    }
}
