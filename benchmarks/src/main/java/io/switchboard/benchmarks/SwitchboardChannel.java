package io.switchboard.benchmarks;

import io.switchboard.it.SwitchboardProcess;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The one channel instance a Switchboard target is set up with over REST, and how the load generator
 * signs what it posts to the instance's hook.
 *
 * @param targetName    the target's name in the report
 * @param type          the channel type
 * @param connector     a connector jar to drop into {@code deploy/}; empty for one the distribution ships
 * @param instance      the instance id
 * @param configuration the instance's configuration
 * @param hookPath      the hook for customer messages, after {@code /hooks/{instance}}
 * @param messages      a new signer for each sending thread
 */
record SwitchboardChannel(String targetName, String type, Optional<Path> connector, String instance,
        Map<String, Object> configuration, String hookPath, Supplier<WebhookMessages> messages) {

    static final String WEBHOOK_TARGET = "Switchboard";
    static final String SMS_TARGET = "Switchboard, sms-twilio";
    static final String VOICE_TARGET = "Switchboard, voice-twilio";

    private static final String TWILIO_ACCOUNT_SID = "AC0123456789abcdef0123456789abcdef";
    private static final String TWILIO_AUTH_TOKEN = "0123456789abcdef0123456789abcdef";
    private static final String TWILIO_NUMBER = "+14155550100";
    private static final String PUBLIC_BASE_URL = "https://help.example.com";
    /**
     * Nothing listens there. The instance's sender check fails and its health turns offline, retried a
     * minute later, but it keeps serving its hooks: health does not gate webhooks, and the benchmark sends
     * no replies, which would need Twilio.
     */
    private static final String UNREACHABLE_TWILIO = "http://127.0.0.1:9";

    /** The generic webhook channel, shipped with the distribution. */
    static SwitchboardChannel webhookGeneric(String secret) {
        return new SwitchboardChannel(WEBHOOK_TARGET, "webhook-generic", Optional.empty(), "bench",
                // never called: the benchmarks send no replies
                Map.of("callbackUrl", "http://127.0.0.1:9/replies", "secret", secret),
                "/messages", () -> new SignedMessages(secret));
    }

    /** Twilio SMS, its connector jar taken from the build's {@code target/connectors}. */
    static SwitchboardChannel smsTwilio() {
        String instance = "sms";
        String signedUrl = PUBLIC_BASE_URL + "/hooks/" + instance + "/sms";
        AtomicLong customerNumbers = new AtomicLong();
        return new SwitchboardChannel(SMS_TARGET, "sms-twilio",
                Optional.of(SwitchboardProcess.connector("switchboard-connector-sms-twilio")), instance,
                Map.of("accountSid", TWILIO_ACCOUNT_SID, "authToken", TWILIO_AUTH_TOKEN, "phoneNumber", TWILIO_NUMBER,
                        "publicBaseUrl", PUBLIC_BASE_URL, "apiBaseUrl", UNREACHABLE_TWILIO),
                "/sms", () -> new TwilioMessages(TWILIO_AUTH_TOKEN, signedUrl, TWILIO_ACCOUNT_SID, TWILIO_NUMBER,
                        customerNumbers));
    }

    /**
     * Twilio voice with the benchmark's IVR, its connector jar taken from the build's {@code target/connectors}.
     * Its calls are driven by {@link FixedRateLoad}, which follows each answer's menu URL, not by the
     * closed-loop generator's messages.
     */
    static SwitchboardChannel voiceTwilio() {
        return new SwitchboardChannel(VOICE_TARGET, "voice-twilio",
                Optional.of(SwitchboardProcess.connector("switchboard-connector-voice-twilio")), VoiceCalls.INSTANCE,
                VoiceCalls.configuration(UNREACHABLE_TWILIO), "/voice", () -> {
                    throw new UnsupportedOperationException("voice calls are driven by FixedRateLoad");
                });
    }
}
