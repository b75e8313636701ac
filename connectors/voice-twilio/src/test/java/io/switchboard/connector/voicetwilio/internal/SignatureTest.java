package io.switchboard.connector.voicetwilio.internal;

import static io.switchboard.connector.voicetwilio.internal.Fixtures.AUTH_TOKEN;
import static io.switchboard.connector.voicetwilio.internal.Fixtures.HOOKS;
import static io.switchboard.connector.voicetwilio.internal.Fixtures.call;
import static io.switchboard.connector.voicetwilio.internal.Fixtures.post;
import static io.switchboard.connector.voicetwilio.internal.Fixtures.signedPost;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.api.channel.ChannelInstance;
import io.switchboard.api.channel.InboundResult;
import io.switchboard.api.channel.InboundResult.Reason;
import io.switchboard.api.channel.WebhookRequest;
import io.switchboard.connector.twilio.TwilioSignatures;
import io.switchboard.testkit.RecordingChannelContext;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Every endpoint answers only what Twilio signed, over the public URL, with the account's Auth Token. */
class SignatureTest {

    private static final Map<String, String> RECORDING = call("RecordingSid", "RE0123456789abcdef0123456789abcdef",
            "RecordingUrl", "https://api.twilio.com/2010-04-01/Accounts/" + Fixtures.ACCOUNT_SID
                    + "/Recordings/RE0123456789abcdef0123456789abcdef",
            "RecordingDuration", "42", "RecordingStatus", "completed");

    private final RecordingChannelContext context = new RecordingChannelContext(Fixtures.INSTANCE, Fixtures.configuration(null));
    private final ChannelInstance channel = new VoiceTwilioChannelType().create(context);

    @AfterEach
    void dispose() throws InterruptedException {
        channel.dispose();
        context.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/voice", "/voice/menu?node=main&attempt=1", "/voice/wait?queue=billing", "/voice/recorded",
            "/voice/recording?from=%2B14155550199", "/voice/transcription?from=%2B14155550199"})
    void aRequestSignedWithAnotherTokenIsRejectedOnEveryEndpoint(String pathAndQuery) {
        Map<String, String> form = new HashMap<>(RECORDING);
        form.put("TranscriptionSid", "TR0123456789abcdef0123456789abcdef");
        form.put("TranscriptionText", "Hello");
        String forged = TwilioSignatures.sign("00000000000000000000000000000000", HOOKS + pathAndQuery, form);

        InboundResult.Rejected rejected = assertInstanceOf(InboundResult.Rejected.class,
                channel.receive(post(pathAndQuery, form, forged)));

        assertEquals(Reason.UNAUTHENTICATED, rejected.reason());
        assertFalse(rejected.detail().contains(AUTH_TOKEN));
        // The same request, signed right, is taken: the rejection was the signature's doing.
        assertInstanceOf(InboundResult.Accepted.class, channel.receive(signedPost(pathAndQuery, form)));
    }

    @Test
    void aMissingSignatureIsRejected() {
        InboundResult.Rejected rejected = assertInstanceOf(InboundResult.Rejected.class,
                channel.receive(post("/voice", call(), null)));

        assertEquals(Reason.UNAUTHENTICATED, rejected.reason());
        assertTrue(rejected.detail().contains("missing"), rejected.detail());
    }

    @Test
    void aChangedCallbackUrlBreaksTheSignature() {
        // The path travels in the URL: a caller who learnt a callback URL cannot make another path of it.
        String signed = TwilioSignatures.sign(AUTH_TOKEN, HOOKS + "/voice/recording?from=%2B14155550199", RECORDING);

        InboundResult.Rejected rejected = assertInstanceOf(InboundResult.Rejected.class,
                channel.receive(post("/voice/recording?from=%2B14155550100", RECORDING, signed)));

        assertEquals(Reason.UNAUTHENTICATED, rejected.reason());
        assertTrue(context.ingested().isEmpty());
    }

    @Test
    void aChangedParameterBreaksTheSignature() {
        String signed = TwilioSignatures.sign(AUTH_TOKEN, HOOKS + "/voice/menu?node=main&attempt=1", call("Digits", "1"));

        assertEquals(Reason.UNAUTHENTICATED, assertInstanceOf(InboundResult.Rejected.class,
                channel.receive(post("/voice/menu?node=main&attempt=1", call("Digits", "2"), signed))).reason());
    }

    @Test
    void aSignatureOverTheLocalUrlIsNotTheOneTwilioMakes() {
        Map<String, String> form = call();
        String overLocal = TwilioSignatures.sign(AUTH_TOKEN, Fixtures.LOCAL_BASE + "/hooks/support/voice", form);

        assertEquals(Reason.UNAUTHENTICATED, assertInstanceOf(InboundResult.Rejected.class,
                channel.receive(post("/voice", form, overLocal))).reason());
    }

    @Test
    void theDefaultPortIsAcceptedAsTwilioSignsBothForms() {
        Map<String, String> form = call();
        String withPort = TwilioSignatures.sign(AUTH_TOKEN, "https://help.example.com:443/hooks/support/voice", form);

        assertInstanceOf(InboundResult.Accepted.class, channel.receive(post("/voice", form, withPort)));
    }

    @Test
    void otherMethodsAndPathsAreRefusedBeforeTheSignature() {
        WebhookRequest get = new WebhookRequest("GET", "/voice", URI.create(Fixtures.LOCAL_BASE + "/hooks/support/voice"),
                Map.of(), null);
        assertEquals(Reason.METHOD_NOT_ALLOWED, assertInstanceOf(InboundResult.Rejected.class, channel.receive(get)).reason());

        assertEquals(Reason.NOT_FOUND, assertInstanceOf(InboundResult.Rejected.class,
                channel.receive(signedPost("/sms", call()))).reason());
        assertEquals(Reason.NOT_FOUND, assertInstanceOf(InboundResult.Rejected.class,
                channel.receive(signedPost("/voice/", call()))).reason());
    }

    @Test
    void nothingIsEverSentThroughAVoiceChannel() {
        var result = channel.send(new io.switchboard.api.channel.OutboundMessage("out-1", 1L, null,
                io.switchboard.api.model.Address.phone(Fixtures.CALLER), "Grace", "Hello", List.of(), 1));

        assertInstanceOf(io.switchboard.api.channel.SendResult.Failed.class, result);
    }
}
