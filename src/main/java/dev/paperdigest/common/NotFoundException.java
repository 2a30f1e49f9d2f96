package dev.paperdigest.common;

/** What a request names does not exist; the API answers 404. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String what) {
        super(what + " does not exist");
    }
}
