package io.switchboard.connector.smstwilio.internal;

import static io.switchboard.connector.smstwilio.internal.Fixtures.AUTH_TOKEN;
import static io.switchboard.connector.smstwilio.internal.Fixtures.CUSTOMER;
import static io.switchboard.connector.smstwilio.internal.Fixtures.NUMBER;
import static io.switchboard.connector.smstwilio.internal.Fixtures.PUBLIC_BASE;
import static io.switchboard.connector.smstwilio.internal.Fixtures.form;
import static io.switchboard.connector.smstwilio.internal.Fixtures.post;
import static io.switchboard.connector.smstwilio.internal.Fixtures.signedPost;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.twilio.security.RequestValidator;
import io.switchboard.api.channel.ChannelInstance;
import io.switchboard.api.channel.ConsentChange;
import io.switchboard.api.channel.DeliveryUpdate;
import io.switchboard.api.channel.InboundMessage;
import io.switchboard.api.channel.InboundResult;
import io.switchboard.api.channel.InboundResult.Reason;
import io.switchboard.api.channel.KeywordReceived;
import io.switchboard.api.channel.WebhookRequest;
import io.switchboard.api.model.Address;
import io.switchboard.api.model.Attachment;
import io.switchboard.api.model.DeliveryStatus;
import io.switchboard.api.model.IdentityKind;
import io.switchboard.connector.twilio.TwilioSignatures;
import io.switchboard.testkit.RecordingChannelContext;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Webhooks as Twilio sends them, signed with Twilio's documented algorithm. */
class ReceiveTest {

    private static final String EMPTY_TWIML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>";
    private static final Map<String, String> SMS = form(
            "ToCountry", "US", "SmsMessageSid", "SM11111111111111111111111111111111", "NumMedia", "0",
            "From", CUSTOMER, "To", NUMBER, "Body", "Where is my parcel?",
            "MessageSid", "SM11111111111111111111111111111111", "AccountSid", Fixtures.ACCOUNT_SID,
            "NumSegments", "1", "ApiVersion", "2010-04-01");

    /** Nothing answers there: the scheduled sender check fails quietly and these tests do not wait for it. */
    private final RecordingChannelContext context = new RecordingChannelContext(Fixtures.INSTANCE, Fixtures.configuration("http://127.0.0.1:9"));
    private final ChannelInstance channel = new SmsTwilioChannelType().create(context);

    @AfterEach
    void dispose() throws InterruptedException {
        channel.dispose();
        context.close();
    }

    @Test
    void stopAndStartAreStoredAsMessagesAndAsConsentChanges() {
        for (String keyword : List.of(" stop ", "START", "Unsubscribe", "yes")) {
            Map<String, String> form = new java.util.HashMap<>(SMS);
            form.put("Body", keyword);
            InboundResult.Accepted accepted = assertInstanceOf(InboundResult.Accepted.class,
                    channel.receive(signedPost("/sms", form, AUTH_TOKEN)));

            assertEquals(2, accepted.events().size(), keyword);
            assertEquals(keyword, assertInstanceOf(InboundMessage.class, accepted.events().get(0)).text());
            ConsentChange consent = assertInstanceOf(ConsentChange.class, accepted.events().get(1));
            assertEquals(Address.phone(CUSTOMER), consent.address());
            assertEquals(keyword.strip().toUpperCase(java.util.Locale.ROOT), consent.keyword());
            assertEquals(keyword.equals("START") || keyword.equals("yes"), consent.optedIn(), keyword);
            assertEquals("SM11111111111111111111111111111111:consent", consent.eventId());
        }
        Map<String, String> sentence = new java.util.HashMap<>(SMS);
        sentence.put("Body", "please stop the delivery");
        assertEquals(1, assertInstanceOf(InboundResult.Accepted.class,
                channel.receive(signedPost("/sms", sentence, AUTH_TOKEN))).events().size(), "only a keyword on its own counts");
    }

    @Test
    void aSignedSmsBecomesOneMessageFromThePhoneNumberAnsweredWithEmptyTwiml() {
        InboundResult.Accepted accepted = assertInstanceOf(InboundResult.Accepted.class,
                channel.receive(signedPost("/sms", SMS, AUTH_TOKEN)));

        InboundMessage message = assertInstanceOf(InboundMessage.class, accepted.events().get(0));
        assertEquals(1, accepted.events().size());
        assertEquals("SM11111111111111111111111111111111", message.eventId());
        assertEquals(Address.phone(CUSTOMER), message.from().replyAddress());
        assertTrue(message.from().otherAddresses().isEmpty());
        assertNull(message.threadId());
        assertEquals("Where is my parcel?", message.text());
        assertTrue(message.attachments().isEmpty());
        assertEquals(200, accepted.response().status());
        assertEquals("application/xml", accepted.response().contentType());
        assertEquals(EMPTY_TWIML, new String(accepted.response().body(), StandardCharsets.UTF_8));
    }

    @Test
    void anMmsCarriesItsMediaByUrlWithContentTypes() {
        Map<String, String> mms = form("MessageSid", "MM22222222222222222222222222222222", "From", CUSTOMER,
                "To", NUMBER, "Body", "", "NumMedia", "2",
                "MediaUrl0", "https://api.twilio.com/2010-04-01/Accounts/AC/Messages/MM2/Media/ME1",
                "MediaContentType0", "image/jpeg",
                "MediaUrl1", "https://api.twilio.com/2010-04-01/Accounts/AC/Messages/MM2/Media/ME2",
                "MediaContentType1", "application/pdf");

        InboundResult.Accepted accepted = assertInstanceOf(InboundResult.Accepted.class,
                channel.receive(signedPost("/sms", mms, AUTH_TOKEN)));

        InboundMessage message = assertInstanceOf(InboundMessage.class, accepted.events().get(0));
        assertEquals("", message.text());
        assertEquals(List.of(
                new Attachment("https://api.twilio.com/2010-04-01/Accounts/AC/Messages/MM2/Media/ME1", "image/jpeg", "ME1.jpg", -1),
                new Attachment("https://api.twilio.com/2010-04-01/Accounts/AC/Messages/MM2/Media/ME2", "application/pdf", "ME2.pdf", -1)),
                message.attachments());
    }

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {
            "https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME0a1b, image/png, ME0a1b.png",
            "https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME0a1b?x=1, image/jpeg; charset=x, ME0a1b.jpg",
            "https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME0a1b, application/x-unknown, ME0a1b",
            "https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME0a1b, null, ME0a1b",
            "https://media.example/a%20b/, text/vcard, media-3.vcf"})
    void attachmentsAreNamedByMediaSidWithTheExtensionOfTheirType(String url, String contentType, String fileName) {
        assertEquals(fileName, InboundParser.fileName(url, contentType, 3));
    }

    @Test
    void helpAndInfoAreStoredAsMessagesAndAsKeywords() {
        for (String keyword : List.of("HELP", " info ")) {
            Map<String, String> form = new java.util.HashMap<>(SMS);
            form.put("Body", keyword);
            InboundResult.Accepted accepted = assertInstanceOf(InboundResult.Accepted.class,
                    channel.receive(signedPost("/sms", form, AUTH_TOKEN)));

            assertEquals(2, accepted.events().size(), keyword);
            assertEquals(keyword, assertInstanceOf(InboundMessage.class, accepted.events().get(0)).text());
            KeywordReceived received = assertInstanceOf(KeywordReceived.class, accepted.events().get(1));
            assertEquals(Address.phone(CUSTOMER), received.address());
            assertEquals(keyword.strip().toUpperCase(java.util.Locale.ROOT), received.keyword());
            assertEquals("SM11111111111111111111111111111111:keyword", received.eventId());
        }
        Map<String, String> sentence = new java.util.HashMap<>(SMS);
        sentence.put("Body", "help me please");
        assertEquals(1, assertInstanceOf(InboundResult.Accepted.class,
                channel.receive(signedPost("/sms", sentence, AUTH_TOKEN))).events().size(), "only a keyword on its own counts");
    }

    @Test
    void textInAnyScriptArrivesIntact() {
        String text = "你好 مرحبا 👋🏽 — ça va?";
        Map<String, String> sms = form("MessageSid", "SM33333333333333333333333333333333", "From", CUSTOMER,
                "To", NUMBER, "Body", text, "NumMedia", "0");

        InboundResult.Accepted accepted = assertInstanceOf(InboundResult.Accepted.class,
                channel.receive(signedPost("/sms", sms, AUTH_TOKEN)));

        assertEquals(text, ((InboundMessage) accepted.events().get(0)).text());
    }

    @Test
    void anAlphanumericSenderIsKeptAsAnExternalAddress() {
        Map<String, String> sms = form("MessageSid", "SM44444444444444444444444444444444", "From", "ACMEBANK",
                "To", NUMBER, "Body", "Your code is 1234");

        InboundResult.Accepted accepted = assertInstanceOf(InboundResult.Accepted.class,
                channel.receive(signedPost("/sms", sms, AUTH_TOKEN)));

        assertEquals(Address.scoped(IdentityKind.EXTERNAL, "sms-sender", "ACMEBANK"),
                ((InboundMessage) accepted.events().get(0)).from().replyAddress());
    }

    @Test
    void anEmptyMessageIsAcknowledgedWithoutEvents() {
        Map<String, String> sms = form("MessageSid", "SM55555555555555555555555555555555", "From", CUSTOMER,
                "To", NUMBER, "Body", "", "NumMedia", "0");

        InboundResult.Accepted accepted = assertInstanceOf(InboundResult.Accepted.class,
                channel.receive(signedPost("/sms", sms, AUTH_TOKEN)));

        assertTrue(accepted.events().isEmpty());
        assertEquals(EMPTY_TWIML, new String(accepted.response().body(), StandardCharsets.UTF_8));
    }

    @Test
    void aRequestSignedWithAnotherTokenIsRejected() {
        InboundResult.Rejected rejected = assertInstanceOf(InboundResult.Rejected.class,
                channel.receive(signedPost("/sms", SMS, "ffffffffffffffffffffffffffffffff")));

        assertEquals(Reason.UNAUTHENTICATED, rejected.reason());
    }

    @Test
    void anUnsignedRequestIsRejected() {
        InboundResult.Rejected rejected = assertInstanceOf(InboundResult.Rejected.class,
                channel.receive(post("/sms", SMS, null)));

        assertEquals(Reason.UNAUTHENTICATED, rejected.reason());
        assertEquals("X-Twilio-Signature header is missing", rejected.detail());
    }

    @Test
    void aForgedBodyWithAGenuineSignatureIsRejected() {
        String genuine = TwilioSignatures.sign(AUTH_TOKEN, PUBLIC_BASE + "/hooks/support/sms", SMS);
        Map<String, String> forged = new java.util.LinkedHashMap<>(SMS);
        forged.put("Body", "Please refund me");

        InboundResult.Rejected rejected = assertInstanceOf(InboundResult.Rejected.class,
                channel.receive(post("/sms", forged, genuine)));

        assertEquals(Reason.UNAUTHENTICATED, rejected.reason());
        assertTrue(rejected.detail().contains(PUBLIC_BASE + "/hooks/support/sms"), rejected.detail());
        assertFalse(rejected.detail().contains(genuine), "the detail never shows a signature");
    }

    @Test
    void aSignatureOverTheUrlThisServerSawIsNotTheOneTwilioMakes() {
        String overLocalUrl = TwilioSignatures.sign(AUTH_TOKEN, Fixtures.LOCAL_BASE + "/hooks/support/sms", SMS);

        assertInstanceOf(InboundResult.Rejected.class, channel.receive(post("/sms", SMS, overLocalUrl)));
    }

    @Test
    void twilioSigningTheUrlWithTheDefaultPortIsAccepted() {
        String withPort = TwilioSignatures.sign(AUTH_TOKEN, "https://help.example.com:443/hooks/support/sms", SMS);

        assertInstanceOf(InboundResult.Accepted.class, channel.receive(post("/sms", SMS, withPort)));
    }

    @Test
    void theSdksValidatorAgreesWithTheDocumentedAlgorithm() {
        String url = PUBLIC_BASE + "/hooks/support/status?outbound=out-1";
        String signature = TwilioSignatures.sign(AUTH_TOKEN, url, SMS);

        assertTrue(new RequestValidator(AUTH_TOKEN).validate(url, SMS, signature));
        assertFalse(new RequestValidator(AUTH_TOKEN).validate(url + "2", SMS, signature));
    }

    /** Twilio's own worked example from its security documentation. */
    @Test
    void twiliosPublishedExampleSignatureIsReproduced() {
        Map<String, String> params = form("CallSid", "CA1234567890ABCDE", "Caller", "+12349013030",
                "Digits", "1234", "From", "+12349013030", "To", "+18005551212");

        assertEquals("0/KCTR6DLpKmkAf8muzZqo1nDgQ=",
                TwilioSignatures.sign("12345", "https://mycompany.com/myapp.php?foo=1&bar=2", params));
    }

    @ParameterizedTest
    @CsvSource({
            "sent, SENT, ''",
            "delivered, DELIVERED, ''",
            "read, READ, ''",
            "undelivered, FAILED, 30003",
            "failed, FAILED, 30007"})
    void statusCallbacksBecomeDeliveryUpdates(String twilioStatus, DeliveryStatus expected, String errorCode) {
        Map<String, String> callback = form("MessageSid", "SM66666666666666666666666666666666",
                "MessageStatus", twilioStatus, "SmsStatus", twilioStatus, "To", CUSTOMER, "From", NUMBER,
                "AccountSid", Fixtures.ACCOUNT_SID, "ErrorCode", errorCode);

        InboundResult.Accepted accepted = assertInstanceOf(InboundResult.Accepted.class,
                channel.receive(signedPost("/status?outbound=out-7", callback, AUTH_TOKEN)));

        DeliveryUpdate update = assertInstanceOf(DeliveryUpdate.class, accepted.events().get(0));
        assertEquals("SM66666666666666666666666666666666:" + twilioStatus, update.eventId());
        assertEquals("SM66666666666666666666666666666666", update.providerMessageId());
        assertEquals("out-7", update.outboundId());
        assertEquals(expected, update.status());
        if (expected == DeliveryStatus.FAILED) {
            assertTrue(update.reason().startsWith(twilioStatus + ": Twilio error " + errorCode + " ("), update.reason());
        } else {
            assertNull(update.reason());
        }
        assertEquals(EMPTY_TWIML, new String(accepted.response().body(), StandardCharsets.UTF_8));
    }

    @Test
    void aFailureNamesTheErrorAndWhatItMeans() {
        Map<String, String> callback = form("MessageSid", "SM77777777777777777777777777777777",
                "MessageStatus", "undelivered", "ErrorCode", "30003");

        DeliveryUpdate update = (DeliveryUpdate) ((InboundResult.Accepted) channel.receive(
                signedPost("/status", callback, AUTH_TOKEN))).events().get(0);

        assertEquals("undelivered: Twilio error 30003 (unreachable destination handset)", update.reason());
        assertNull(update.outboundId());
    }

    @ParameterizedTest
    @ValueSource(strings = {"queued", "accepted", "scheduled", "sending", "canceled"})
    void statusesBeforeSentMakeNoEvent(String twilioStatus) {
        Map<String, String> callback = form("MessageSid", "SM88888888888888888888888888888888", "MessageStatus", twilioStatus);

        InboundResult.Accepted accepted = assertInstanceOf(InboundResult.Accepted.class,
                channel.receive(signedPost("/status", callback, AUTH_TOKEN)));

        assertTrue(accepted.events().isEmpty());
    }

    @Test
    void theSameCallbackTwiceHasTheSameEventIdAndAnotherStatusAnother() {
        Map<String, String> delivered = form("MessageSid", "SM99999999999999999999999999999999", "MessageStatus", "delivered");
        Map<String, String> sent = form("MessageSid", "SM99999999999999999999999999999999", "MessageStatus", "sent");

        assertEquals(eventId(delivered), eventId(delivered));
        assertFalse(eventId(delivered).equals(eventId(sent)));
    }

    private String eventId(Map<String, String> callback) {
        return ((InboundResult.Accepted) channel.receive(signedPost("/status", callback, AUTH_TOKEN))).events().get(0).eventId();
    }

    @Test
    void signedButMalformedRequestsAreRejectedNamingTheParameter() {
        assertMalformed(form("From", CUSTOMER, "Body", "hi"), "MessageSid is missing");
        assertMalformed(form("MessageSid", "SM1", "Body", "hi"), "From is missing");
        assertMalformed(form("MessageSid", "SM1", "From", CUSTOMER, "NumMedia", "many"), "NumMedia is not a number");
        assertMalformed(form("MessageSid", "SM1", "From", CUSTOMER, "NumMedia", "1"), "MediaUrl0 is missing");
    }

    @Test
    void otherPathsAndMethodsAreRefused() {
        assertEquals(Reason.NOT_FOUND, ((InboundResult.Rejected) channel.receive(signedPost("/voice", SMS, AUTH_TOKEN))).reason());
        WebhookRequest get = new WebhookRequest("GET", "/sms", URI.create(Fixtures.LOCAL_BASE + "/hooks/support/sms"),
                Map.of(), null);
        assertEquals(Reason.METHOD_NOT_ALLOWED, ((InboundResult.Rejected) channel.receive(get)).reason());
    }

    private void assertMalformed(Map<String, String> form, String detail) {
        InboundResult.Rejected rejected = assertInstanceOf(InboundResult.Rejected.class,
                channel.receive(signedPost("/sms", form, AUTH_TOKEN)));
        assertEquals(Reason.MALFORMED, rejected.reason());
        assertEquals(detail, rejected.detail());
    }
}
