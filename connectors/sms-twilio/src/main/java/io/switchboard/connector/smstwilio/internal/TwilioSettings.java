package io.switchboard.connector.smstwilio.internal;

import static io.switchboard.connector.twilio.ConfigurationFields.invalid;
import static io.switchboard.connector.twilio.ConfigurationFields.optionalText;

import io.switchboard.connector.twilio.ConfigurationFields;
import io.switchboard.connector.twilio.TwilioAccount;
import java.net.URI;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An instance's configuration, checked. The keys are those of {@link SmsTwilioConfiguration}; every
 * rejection starts with the key, because the core shows it beside the form field.
 *
 * @param phoneNumber the sender number, or null when a Messaging Service sends
 * @param messagingServiceSid the Messaging Service, or null when a number sends
 * @param publicBaseUrl without a trailing slash
 * @param apiBaseUrl where Twilio API calls go instead of Twilio (tests), or null
 */
record TwilioSettings(String accountSid, String authToken, String phoneNumber, String messagingServiceSid,
        String publicBaseUrl, boolean configureWebhooks, URI apiBaseUrl) implements TwilioAccount {

    static final String ACCOUNT_SID = ConfigurationFields.ACCOUNT_SID;
    static final String AUTH_TOKEN = ConfigurationFields.AUTH_TOKEN;
    static final String PHONE_NUMBER = ConfigurationFields.PHONE_NUMBER;
    static final String MESSAGING_SERVICE_SID = "messagingServiceSid";
    static final String PUBLIC_BASE_URL = ConfigurationFields.PUBLIC_BASE_URL;
    static final String CONFIGURE_WEBHOOKS = "configureWebhooks";
    static final String API_BASE_URL = ConfigurationFields.API_BASE_URL;

    private static final Pattern SERVICE_SID_FORMAT = Pattern.compile("MG[0-9a-fA-F]{32}");

    static TwilioSettings from(Map<String, Object> configuration) {
        String phoneNumber = optionalText(configuration, PHONE_NUMBER);
        String serviceSid = optionalText(configuration, MESSAGING_SERVICE_SID);
        if (phoneNumber == null && serviceSid == null) {
            throw invalid(PHONE_NUMBER, "or " + MESSAGING_SERVICE_SID + " is required: set exactly one sender");
        }
        if (phoneNumber != null && serviceSid != null) {
            throw invalid(MESSAGING_SERVICE_SID, "must be empty when " + PHONE_NUMBER + " is set: set exactly one sender");
        }
        if (phoneNumber != null) {
            ConfigurationFields.phoneNumber(phoneNumber);
        }
        if (serviceSid != null && !SERVICE_SID_FORMAT.matcher(serviceSid).matches()) {
            throw invalid(MESSAGING_SERVICE_SID, "must be MG followed by 32 hex digits");
        }
        String accountSid = ConfigurationFields.accountSid(configuration);
        return new TwilioSettings(accountSid, ConfigurationFields.authToken(configuration), phoneNumber, serviceSid,
                ConfigurationFields.publicBaseUrl(configuration),
                ConfigurationFields.bool(configuration, CONFIGURE_WEBHOOKS, false),
                ConfigurationFields.apiBaseUrl(configuration));
    }

    /** Where Twilio sends incoming messages for this instance. */
    String smsWebhookUrl(String instanceId) {
        return publicBaseUrl + "/hooks/" + instanceId + SmsTwilioChannel.SMS_PATH;
    }

    /** Where Twilio reports on messages this instance sends. */
    String statusCallbackUrl(String instanceId) {
        return publicBaseUrl + "/hooks/" + instanceId + SmsTwilioChannel.STATUS_PATH;
    }

    /** Never prints the Auth Token: records otherwise put every component into log lines. */
    @Override
    public String toString() {
        return "TwilioSettings[accountSid=" + accountSid + ", phoneNumber=" + phoneNumber
                + ", messagingServiceSid=" + messagingServiceSid + ", publicBaseUrl=" + publicBaseUrl
                + ", configureWebhooks=" + configureWebhooks + ", apiBaseUrl=" + apiBaseUrl + "]";
    }
}
