package io.switchboard.connector.twilio;

/**
 * The credentials of the Twilio account an instance works with. A connector's settings record
 * implements it just by having these two components.
 */
public interface TwilioAccount {

    String accountSid();

    String authToken();
}
