package io.switchboard.connector.smstwilio.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.switchboard.connector.smstwilio.internal.Fixtures.ACCOUNT_SID;
import static io.switchboard.connector.smstwilio.internal.Fixtures.NUMBER;
import static io.switchboard.connector.smstwilio.internal.Fixtures.SERVICE_SID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.switchboard.api.channel.ChannelInstance;
import io.switchboard.api.channel.Health;
import io.switchboard.api.channel.Health.Reason;
import io.switchboard.api.channel.Health.Status;
import io.switchboard.testkit.RecordingChannelContext;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The scheduled sender check and webhook set-up, against a WireMock Twilio. */
class SenderCheckTest {

    @RegisterExtension
    static final WireMockExtension TWILIO = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private static final String NUMBERS = "/2010-04-01/Accounts/" + ACCOUNT_SID + "/IncomingPhoneNumbers.json";
    private static final String NUMBER_SID = "PN0123456789abcdef0123456789abcdef";
    private static final String NUMBER_URL = "/2010-04-01/Accounts/" + ACCOUNT_SID + "/IncomingPhoneNumbers/" + NUMBER_SID + ".json";
    private static final String WEBHOOK = "https://help.example.com/hooks/support/sms";

    private RecordingChannelContext context;
    private ChannelInstance channel;

    @AfterEach
    void dispose() throws InterruptedException {
        channel.dispose();
        context.close();
    }

    @Test
    void theNumbersWebhookIsPointedAtTheInstanceOffTheCreatingThread() throws Exception {
        TWILIO.stubFor(lookup().willReturn(numbers(numberJson("https://old.example.com/sms", "GET", null))));
        TWILIO.stubFor(post(urlEqualTo(NUMBER_URL))
                .withFormParam("SmsUrl", equalTo(WEBHOOK))
                .withFormParam("SmsMethod", equalTo("POST"))
                .willReturn(json(200, numberJson(WEBHOOK, "POST", null))));

        assertEquals(Health.online(), healthAfterCheck(true));

        assertEquals("SmsMethod=POST&SmsUrl=" + java.net.URLEncoder.encode(WEBHOOK, java.nio.charset.StandardCharsets.UTF_8),
                sortedBody(TWILIO.findAll(postRequestedFor(urlEqualTo(NUMBER_URL))).get(0).getBodyAsString()));
    }

    @Test
    void aNumberAlreadyCallingTheInstanceKeepsItsConnectionOverrides() throws Exception {
        TWILIO.stubFor(lookup().willReturn(numbers(numberJson(WEBHOOK + "#rc=3&rp=all", "POST", null))));

        assertEquals(Health.online(), healthAfterCheck(true));

        assertTrue(TWILIO.findAll(postRequestedFor(anyUrl())).isEmpty());
    }

    @Test
    void aTwimlAppOnTheNumberIsDetached() throws Exception {
        TWILIO.stubFor(lookup().willReturn(numbers(numberJson(WEBHOOK, "POST", "AP0123456789abcdef0123456789abcdef"))));
        TWILIO.stubFor(post(urlEqualTo(NUMBER_URL))
                .withFormParam("SmsUrl", equalTo(WEBHOOK))
                .withFormParam("SmsMethod", equalTo("POST"))
                .withFormParam("SmsApplicationSid", equalTo(""))
                .willReturn(json(200, numberJson(WEBHOOK, "POST", null))));

        assertEquals(Health.online(), healthAfterCheck(true));
    }

    @Test
    void withoutSetUpTheNumberIsOnlyLookedUp() throws Exception {
        TWILIO.stubFor(lookup().willReturn(numbers(numberJson("https://elsewhere.example.com/sms", "POST", null))));

        assertEquals(Health.online(), healthAfterCheck(false));

        assertTrue(TWILIO.findAll(postRequestedFor(anyUrl())).isEmpty());
    }

    @Test
    void aNumberTheAccountDoesNotHaveIsAConfigurationErrorNamingTheField() throws Exception {
        TWILIO.stubFor(lookup().willReturn(numbers()));

        Health health = healthAfterCheck(true);

        assertEquals(Status.OFFLINE, health.status());
        assertEquals(Reason.CONFIGURATION_ERROR, health.reason());
        assertEquals("phoneNumber +14155550100 is not a number of Twilio account " + ACCOUNT_SID, health.message());
    }

    @Test
    void rejectedCredentialsAreAConfigurationError() throws Exception {
        TWILIO.stubFor(lookup().willReturn(json(401, "{\"code\": 20003, \"message\": \"Authenticate\", \"status\": 401}")));

        Health health = healthAfterCheck(true);

        assertEquals(Reason.CONFIGURATION_ERROR, health.reason());
        assertTrue(health.message().startsWith("Twilio rejected the accountSid or authToken (HTTP 401)"), health.message());
    }

    @Test
    void aNumberThatVanishedBeforeTheUpdateIsAConfigurationErrorNamingTheField() throws Exception {
        TWILIO.stubFor(lookup().willReturn(numbers(numberJson("https://old.example.com/sms", "POST", null))));
        TWILIO.stubFor(post(urlEqualTo(NUMBER_URL)).willReturn(json(404,
                "{\"code\": 20404, \"message\": \"The requested resource was not found\", \"status\": 404}")));

        Health health = healthAfterCheck(true);

        assertEquals(Reason.CONFIGURATION_ERROR, health.reason());
        assertTrue(health.message().startsWith("phoneNumber +14155550100 was not found"), health.message());
    }

    @Test
    void aTwilioOutageIsACommunicationErrorTriedAgainLater() throws Exception {
        TWILIO.stubFor(lookup().willReturn(aResponse().withStatus(503)));

        Health health = healthAfterCheck(true);

        assertEquals(Status.OFFLINE, health.status());
        assertEquals(Reason.COMMUNICATION_ERROR, health.reason());
        assertEquals("Twilio answered 503; trying again in 60 s", health.message());
        assertEquals(1, TWILIO.findAll(anyRequestedFor(anyUrl())).size(), "the SDK must not retry by itself");
    }

    @Test
    void anUnreachableTwilioIsACommunicationError() throws Exception {
        context = new RecordingChannelContext("support", Map.copyOf(withService(Fixtures.configuration("http://127.0.0.1:9"), true)));
        channel = new SmsTwilioChannelType().create(context);
        context.awaitScheduledTasks();

        Health health = context.healthReports().get(0);
        assertEquals(Reason.COMMUNICATION_ERROR, health.reason());
        assertTrue(health.message().startsWith("could not reach Twilio"), health.message());
    }

    @Test
    void aMessagingServiceGetsItsIncomingAndStatusUrls() throws Exception {
        TWILIO.stubFor(post(urlEqualTo("/v1/Services/" + SERVICE_SID))
                .withFormParam("InboundRequestUrl", equalTo(WEBHOOK))
                .withFormParam("InboundMethod", equalTo("POST"))
                .withFormParam("StatusCallback", equalTo("https://help.example.com/hooks/support/status"))
                .willReturn(json(200, "{\"sid\": \"" + SERVICE_SID + "\", \"account_sid\": \"" + ACCOUNT_SID + "\"}")));
        context = new RecordingChannelContext("support", Map.copyOf(withService(Fixtures.configuration(TWILIO.baseUrl()), true)));
        channel = new SmsTwilioChannelType().create(context);
        context.awaitScheduledTasks();

        assertEquals(java.util.List.of(Health.online()), context.healthReports());
    }

    @Test
    void anUnknownMessagingServiceIsAConfigurationErrorNamingTheField() throws Exception {
        TWILIO.stubFor(get(urlEqualTo("/v1/Services/" + SERVICE_SID)).willReturn(json(404,
                "{\"code\": 20404, \"message\": \"The requested resource was not found\", \"status\": 404}")));
        context = new RecordingChannelContext("support", Map.copyOf(withService(Fixtures.configuration(TWILIO.baseUrl()), false)));
        channel = new SmsTwilioChannelType().create(context);
        context.awaitScheduledTasks();

        Health health = context.healthReports().get(0);
        assertEquals(Reason.CONFIGURATION_ERROR, health.reason());
        assertTrue(health.message().startsWith("messagingServiceSid " + SERVICE_SID + " was not found"), health.message());
    }

    private static Map<String, Object> withService(Map<String, Object> configuration, boolean configureWebhooks) {
        configuration.remove("phoneNumber");
        configuration.put("messagingServiceSid", SERVICE_SID);
        configuration.put("configureWebhooks", configureWebhooks);
        return configuration;
    }

    /** Creates the instance (which must not call Twilio itself), lets the check run, and returns its report. */
    private Health healthAfterCheck(boolean configureWebhooks) throws Exception {
        Map<String, Object> configuration = Fixtures.configuration(TWILIO.baseUrl());
        configuration.put("configureWebhooks", configureWebhooks);
        context = new RecordingChannelContext("support", configuration);
        channel = new SmsTwilioChannelType().create(context);
        context.awaitScheduledTasks();
        assertEquals(1, context.healthReports().size(), context.healthReports().toString());
        return context.healthReports().get(0);
    }

    private static MappingBuilder lookup() {
        return get(urlPathEqualTo(NUMBERS)).withQueryParam("PhoneNumber", equalTo(NUMBER));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder numbers(String... records) {
        return json(200, "{\"incoming_phone_numbers\": [" + String.join(",", records) + "], \"uri\": \"" + NUMBERS
                + "\", \"page\": 0, \"page_size\": 50, \"next_page_uri\": null}");
    }

    private static String numberJson(String smsUrl, String smsMethod, String applicationSid) {
        return "{\"sid\": \"" + NUMBER_SID + "\", \"account_sid\": \"" + ACCOUNT_SID + "\", \"phone_number\": \"" + NUMBER
                + "\", \"sms_url\": \"" + smsUrl + "\", \"sms_method\": \"" + smsMethod + "\", \"sms_application_sid\": "
                + (applicationSid == null ? "\"\"" : "\"" + applicationSid + "\"") + "}";
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    private static String sortedBody(String body) {
        return String.join("&", java.util.Arrays.stream(body.split("&")).sorted().toList());
    }
}
