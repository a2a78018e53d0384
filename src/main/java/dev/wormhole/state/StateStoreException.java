package dev.wormhole.state;

/** The state store could not do what it was asked (unreachable, timed out, wrong kind of data at a key). */
public class StateStoreException extends RuntimeException {

    public StateStoreException(String message) {
        super(message);
    }

    public StateStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
