package io.switchboard.connector.twilio;

/** A signed request that does not say what Twilio's requests say; its message names the parameter. */
public final class MalformedRequestException extends Exception {

    private static final long serialVersionUID = 1L;

    public MalformedRequestException(String message) {
        super(message);
    }
}
