package io.switchboard.connector.voicetwilio.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The one description of an instance's configuration. bnd turns it into
 * {@code OSGI-INF/metatype/switchboard.channel.voice_twilio.xml}; the admin console renders that as the
 * form and the core validates against it. {@link VoiceSettings} reads the same keys and checks what
 * Metatype cannot express (the IVR, the opening hours, formats).
 */
@ObjectClassDefinition(
        id = VoiceTwilioChannelType.CONFIGURATION_PID,
        factoryPid = VoiceTwilioChannelType.CONFIGURATION_PID,
        name = "Voice (Twilio)",
        description = "Calls to one Twilio phone number: a greeting, menus, queues and voicemail. Set the number's "
                + "\"A call comes in\" webhook to <public base URL>/hooks/<instance>/voice (HTTP POST).")
@interface VoiceTwilioConfiguration {

    @AttributeDefinition(
            name = "Account SID",
            description = "The SID of the Twilio account (or subaccount) owning the number: AC followed by 32 hex digits.")
    String accountSid();

    @AttributeDefinition(
            name = "Auth Token",
            type = AttributeType.PASSWORD,
            description = "The account's Auth Token. Twilio signs every webhook with it; it also fetches recordings.")
    String authToken();

    @AttributeDefinition(
            name = "Phone number",
            description = "The Twilio number callers dial, in E.164 form (+14155550100).")
    String phoneNumber();

    @AttributeDefinition(
            name = "Public base URL",
            description = "The externally visible URL of this Switchboard, exactly as Twilio calls it: scheme, host, "
                    + "port and any path before /hooks/, e.g. https://help.example.com. Webhook signatures are "
                    + "checked against it, and the IVR's callback URLs start with it.")
    String publicBaseUrl();

    @AttributeDefinition(
            name = "IVR",
            description = "The greeting and the menus as JSON: {\"greeting\": …, \"nodes\": {\"main\": {\"prompt\": …, "
                    + "\"options\": [{\"digit\": \"1\", \"queue\": \"billing\"}, …], \"default\": {\"voicemail\": true}}}}. "
                    + "See docs/channels/voice-twilio.md for every key.")
    String ivr();

    @AttributeDefinition(
            name = "Time zone",
            required = false,
            description = "The time zone of the opening hours and holidays, e.g. Europe/Berlin. Default: UTC.")
    String timeZone() default "UTC";

    @AttributeDefinition(
            name = "Opening hours",
            required = false,
            description = "When calls reach the menus, e.g. \"Mon-Fri 09:00-12:00 13:00-17:00, Sat 10:00-14:00\". "
                    + "Outside them callers hear the closed message and can leave a voicemail. Empty: always open.")
    String openingHours();

    @AttributeDefinition(
            name = "Holidays",
            required = false,
            description = "Dates on which it is closed all day, e.g. \"2026-12-25, 2026-12-26\".")
    String holidays();

    @AttributeDefinition(
            name = "Hold music URL",
            required = false,
            description = "An audio file (MP3 or WAV) callers hear while they wait in a queue. Empty: a spoken "
                    + "request to stay on the line.")
    String holdMusicUrl();

    @AttributeDefinition(
            name = "Maximum queue wait",
            required = false,
            min = "0",
            max = "86400",
            description = "Seconds in a queue after which callers are offered to leave a voicemail (1) or to be "
                    + "called back in their place (2). 0: they wait until an agent is free.")
    int maxQueueWait() default VoiceSettings.DEFAULT_MAX_QUEUE_WAIT;

    @AttributeDefinition(
            name = "Voicemail maximum length",
            required = false,
            min = "5",
            max = "3600",
            description = "The longest voicemail in seconds. Twilio transcribes recordings of up to 120 seconds only.")
    int voicemailMaxLength() default VoiceSettings.DEFAULT_VOICEMAIL_MAX_LENGTH;

    @AttributeDefinition(
            name = "Transcribe voicemails",
            required = false,
            description = "Ask Twilio for a transcript of each voicemail (English, recordings up to 120 s; billed by Twilio).")
    boolean transcribe() default true;

    @AttributeDefinition(
            name = "Record calls",
            required = false,
            description = "Record every call an agent answers (both sides, from the moment the agent picks up) and "
                    + "attach the recording to the ticket. Callers hear the recording announcement first. Check "
                    + "whether the law where you and your callers are requires their consent.")
    boolean recordCalls() default false;

    @AttributeDefinition(
            name = "Recording announcement",
            required = false,
            description = "What callers hear after the greeting when calls are recorded, and customers before an "
                    + "agent's call reaches them. Empty: the default text.")
    String recordingAnnouncement() default VoiceSettings.DEFAULT_RECORDING_ANNOUNCEMENT;

    @AttributeDefinition(
            name = "Twilio API base URL",
            required = false,
            description = "For tests only: send every Twilio API call to this http(s)://host:port instead of Twilio.")
    String apiBaseUrl();
}
