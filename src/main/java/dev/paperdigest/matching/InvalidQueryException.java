package dev.paperdigest.matching;

/** A query a person typed that cannot be stored; the message is shown to them as is. */
public class InvalidQueryException extends Exception {
    public InvalidQueryException(String message) {
        super(message);
    }
}
