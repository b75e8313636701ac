package io.switchboard.connector.smstwilio.internal;

/** A signed request that does not say what Twilio's requests say; its message names the parameter. */
final class MalformedRequestException extends Exception {

    private static final long serialVersionUID = 1L;

    MalformedRequestException(String message) {
        super(message);
    }
}
