package dev.paperdigest.common;

/** A job was asked to start while another run of it holds its lease; schedulers skip the tick. */
public class AlreadyRunningException extends ConflictException {

    public AlreadyRunningException(String detail) {
        super(detail);
    }
}
