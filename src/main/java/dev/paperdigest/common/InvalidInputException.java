package dev.paperdigest.common;

/** Input a person or a client sent is not acceptable; the message says why, in words they can act on (400). */
public class InvalidInputException extends RuntimeException {

    public InvalidInputException(String detail) {
        super(detail);
    }
}
