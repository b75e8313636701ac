package io.switchboard.connector.webhookgeneric.internal;

/** A signed body that does not follow the protocol; the message says which field, for the integrator. */
final class MalformedPayloadException extends Exception {

    private static final long serialVersionUID = 1L;

    MalformedPayloadException(String detail) {
        super(detail, null, false, false);
    }
}
