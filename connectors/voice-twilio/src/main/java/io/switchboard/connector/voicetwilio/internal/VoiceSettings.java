package io.switchboard.connector.voicetwilio.internal;

import static io.switchboard.connector.twilio.ConfigurationFields.httpUri;
import static io.switchboard.connector.twilio.ConfigurationFields.invalid;
import static io.switchboard.connector.twilio.ConfigurationFields.optionalText;
import static io.switchboard.connector.twilio.ConfigurationFields.requiredText;

import io.switchboard.connector.twilio.ConfigurationFields;
import io.switchboard.connector.twilio.TwilioAccount;
import java.net.URI;
import java.util.Map;

/**
 * An instance's configuration, checked. The keys are those of {@link VoiceTwilioConfiguration}; every
 * rejection starts with the key, because the core shows it beside the form field.
 *
 * @param publicBaseUrl without a trailing slash
 * @param holdMusicUrl what callers hear while they wait in a queue, or null for a spoken hold message
 * @param apiBaseUrl where Twilio API calls go instead of Twilio (tests), or null
 * @param recordCalls whether calls bridged to an agent are recorded
 * @param recordingAnnouncement what callers hear about the recording; never blank
 */
record VoiceSettings(String accountSid, String authToken, String phoneNumber, String publicBaseUrl, Ivr ivr,
        BusinessHours hours, URI holdMusicUrl, int voicemailMaxLength, boolean transcribe, URI apiBaseUrl,
        int maxQueueWait, boolean recordCalls, String recordingAnnouncement)
        implements TwilioAccount {

    static final String ACCOUNT_SID = ConfigurationFields.ACCOUNT_SID;
    static final String AUTH_TOKEN = ConfigurationFields.AUTH_TOKEN;
    static final String PHONE_NUMBER = ConfigurationFields.PHONE_NUMBER;
    static final String PUBLIC_BASE_URL = ConfigurationFields.PUBLIC_BASE_URL;
    static final String IVR = IvrParser.FIELD;
    static final String TIME_ZONE = BusinessHours.TIME_ZONE;
    static final String OPENING_HOURS = BusinessHours.OPENING_HOURS;
    static final String HOLIDAYS = BusinessHours.HOLIDAYS;
    static final String HOLD_MUSIC_URL = "holdMusicUrl";
    static final String VOICEMAIL_MAX_LENGTH = "voicemailMaxLength";
    static final String TRANSCRIBE = "transcribe";
    static final String API_BASE_URL = ConfigurationFields.API_BASE_URL;
    static final String MAX_QUEUE_WAIT = "maxQueueWait";
    static final String RECORD_CALLS = "recordCalls";
    static final String RECORDING_ANNOUNCEMENT = "recordingAnnouncement";

    static final String DEFAULT_RECORDING_ANNOUNCEMENT = "This call may be recorded for quality and training purposes.";
    /** Twilio reads at most 4,096 characters in one {@code <Say>}; an announcement is a sentence or two. */
    static final int MAX_RECORDING_ANNOUNCEMENT = 1000;

    static final int DEFAULT_VOICEMAIL_MAX_LENGTH = 120;
    /** Seconds in a queue after which callers are offered a voicemail or a callback; 0: never. */
    static final int DEFAULT_MAX_QUEUE_WAIT = 300;
    static final int MAX_MAX_QUEUE_WAIT = 86_400;
    /** Twilio's limit for one recording is four hours; a voicemail of more than an hour is a mistake. */
    static final int MAX_VOICEMAIL_MAX_LENGTH = 3600;

    static VoiceSettings from(Map<String, Object> configuration) {
        String accountSid = ConfigurationFields.accountSid(configuration);
        String authToken = ConfigurationFields.authToken(configuration);
        String phoneNumber = ConfigurationFields.phoneNumber(requiredText(configuration, PHONE_NUMBER));
        String publicBaseUrl = ConfigurationFields.publicBaseUrl(configuration);
        Object ivrText = configuration.get(IVR);
        if (ivrText != null && !(ivrText instanceof String)) {
            throw invalid(IVR, "must be text (JSON)");
        }
        Ivr ivr = IvrParser.parse((String) ivrText);
        BusinessHours hours = BusinessHours.from(configuration);
        String music = optionalText(configuration, HOLD_MUSIC_URL);
        return new VoiceSettings(accountSid, authToken, phoneNumber, publicBaseUrl, ivr, hours,
                music == null ? null : httpUri(HOLD_MUSIC_URL, music),
                integer(configuration, VOICEMAIL_MAX_LENGTH, DEFAULT_VOICEMAIL_MAX_LENGTH, 5, MAX_VOICEMAIL_MAX_LENGTH),
                ConfigurationFields.bool(configuration, TRANSCRIBE, true), ConfigurationFields.apiBaseUrl(configuration),
                integer(configuration, MAX_QUEUE_WAIT, DEFAULT_MAX_QUEUE_WAIT, 0, MAX_MAX_QUEUE_WAIT),
                ConfigurationFields.bool(configuration, RECORD_CALLS, false), announcement(configuration));
    }

    /** Recording without telling the caller is unlawful in many places, so an empty text means the default one. */
    private static String announcement(Map<String, Object> configuration) {
        String text = optionalText(configuration, RECORDING_ANNOUNCEMENT);
        if (text == null || text.isBlank()) {
            return DEFAULT_RECORDING_ANNOUNCEMENT;
        }
        if (text.strip().length() > MAX_RECORDING_ANNOUNCEMENT) {
            throw invalid(RECORDING_ANNOUNCEMENT, "must be at most " + MAX_RECORDING_ANNOUNCEMENT + " characters");
        }
        return text.strip();
    }

    /** Where Twilio sends this instance's calls: the number's voice URL. */
    String voiceWebhookUrl(String instanceId) {
        return publicBaseUrl + "/hooks/" + instanceId + VoiceTwilioChannel.VOICE_PATH;
    }

    private static int integer(Map<String, Object> configuration, String key, int fallback, int min, int max) {
        Object value = configuration.get(key);
        if (value == null || value instanceof String text && text.isBlank()) {
            return fallback;
        }
        long number;
        if (value instanceof Integer || value instanceof Long) {
            number = ((Number) value).longValue();
        } else if (value instanceof String text && text.strip().matches("-?[0-9]{1,9}")) {
            number = Long.parseLong(text.strip());
        } else {
            throw invalid(key, "must be a whole number");
        }
        if (number < min || number > max) {
            throw invalid(key, "must be from " + min + " to " + max);
        }
        return (int) number;
    }

    /** Never prints the Auth Token: records otherwise put every component into log lines. */
    @Override
    public String toString() {
        return "VoiceSettings[accountSid=" + accountSid + ", phoneNumber=" + phoneNumber + ", publicBaseUrl="
                + publicBaseUrl + ", timeZone=" + hours.zone() + ", holdMusicUrl=" + holdMusicUrl
                + ", voicemailMaxLength=" + voicemailMaxLength + ", transcribe=" + transcribe + ", apiBaseUrl="
                + apiBaseUrl + ", maxQueueWait=" + maxQueueWait + ", recordCalls=" + recordCalls + "]";
    }
}
