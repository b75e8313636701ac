package io.switchboard.connector.voicetwilio.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.switchboard.connector.voicetwilio.internal.Fixtures.ACCOUNT_SID;
import static io.switchboard.connector.voicetwilio.internal.Fixtures.AUTH_TOKEN;
import static io.switchboard.connector.voicetwilio.internal.Fixtures.NUMBER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.switchboard.api.channel.ChannelInstance;
import io.switchboard.api.channel.Health;
import io.switchboard.api.channel.Health.Reason;
import io.switchboard.api.channel.Health.Status;
import io.switchboard.testkit.RecordingChannelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The health check that runs off the creating thread: the number, the credentials and where its calls go. */
class NumberCheckTest {

    @RegisterExtension
    static final WireMockExtension TWILIO = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private static final String NUMBERS = "/2010-04-01/Accounts/" + ACCOUNT_SID + "/IncomingPhoneNumbers.json";
    private static final String WEBHOOK = "https://help.example.com/hooks/support/voice";

    private RecordingChannelContext context;
    private ChannelInstance channel;

    @AfterEach
    void dispose() throws InterruptedException {
        channel.dispose();
        context.close();
    }

    @Test
    void aNumberWhoseCallsComeHereIsOnline() throws Exception {
        TWILIO.stubFor(lookup().willReturn(numbers(number(WEBHOOK + "#rc=3&rp=all", "POST", ""))));

        assertEquals(Health.online(), healthAfterCheck());
    }

    @Test
    void aNumberWhoseCallsGoElsewhereIsDegraded() throws Exception {
        TWILIO.stubFor(lookup().willReturn(numbers(number("https://demo.twilio.com/welcome/voice/", "POST", ""))));

        Health health = healthAfterCheck();

        assertEquals(new Health(Status.DEGRADED, Reason.CONFIGURATION_ERROR, "calls to " + NUMBER
                + " go to https://demo.twilio.com/welcome/voice/, not to " + WEBHOOK
                + "; set it as the number's \"A call comes in\" webhook in Twilio's console"), health);
    }

    @Test
    void aNumberCalledWithGetOrThroughAnAppIsDegraded() throws Exception {
        TWILIO.stubFor(lookup().willReturn(numbers(number(WEBHOOK, "GET", ""))));
        assertTrue(healthAfterCheck().message().endsWith("set the webhook to HTTP POST"));
        channel.dispose();
        context.close();

        TWILIO.stubFor(lookup().willReturn(numbers(number(WEBHOOK, "POST", "AP0123456789abcdef0123456789abcdef"))));
        assertTrue(healthAfterCheck().message().contains("go to the TwiML app AP0123456789abcdef0123456789abcdef"));
    }

    @Test
    void aNumberOfAnotherAccountIsAConfigurationError() throws Exception {
        TWILIO.stubFor(lookup().willReturn(numbers()));

        assertEquals(Health.offline(Reason.CONFIGURATION_ERROR, "phoneNumber " + NUMBER
                + " is not a number of Twilio account " + ACCOUNT_SID), healthAfterCheck());
    }

    @Test
    void rejectedCredentialsAreAConfigurationError() throws Exception {
        TWILIO.stubFor(get(urlPathEqualTo(NUMBERS)).willReturn(json(401,
                "{\"code\": 20003, \"message\": \"Authenticate\", \"status\": 401}")));

        Health health = healthAfterCheck();

        assertEquals(Reason.CONFIGURATION_ERROR, health.reason());
        assertTrue(health.message().startsWith(NumberCheck.CREDENTIALS_REJECTED + " (HTTP 401)"), health.message());
    }

    @Test
    void aTwilioOutageIsACommunicationErrorTriedAgainLater() throws Exception {
        TWILIO.stubFor(lookup().willReturn(aResponse().withStatus(503)));

        Health health = healthAfterCheck();

        assertEquals(Status.OFFLINE, health.status());
        assertEquals(Reason.COMMUNICATION_ERROR, health.reason());
        assertTrue(health.message().endsWith("trying again in 60 s"), health.message());
    }

    /** Creates the instance (which must not call Twilio itself), lets the check run, and returns its report. */
    private Health healthAfterCheck() throws Exception {
        context = new RecordingChannelContext("support", Fixtures.configuration(TWILIO.baseUrl()));
        channel = new VoiceTwilioChannelType().create(context);
        context.awaitScheduledTasks();
        assertEquals(1, context.healthReports().size(), context.healthReports().toString());
        return context.healthReports().get(0);
    }

    /** Answered only with the account's credentials and the configured number. */
    private static MappingBuilder lookup() {
        return get(urlPathEqualTo(NUMBERS)).withQueryParam("PhoneNumber", equalTo(NUMBER)).withBasicAuth(ACCOUNT_SID, AUTH_TOKEN);
    }

    private static ResponseDefinitionBuilder numbers(String... records) {
        return json(200, "{\"incoming_phone_numbers\": [" + String.join(",", records) + "], \"uri\": \"" + NUMBERS
                + "\", \"page\": 0, \"page_size\": 50, \"next_page_uri\": null}");
    }

    private static String number(String voiceUrl, String voiceMethod, String applicationSid) {
        return "{\"sid\": \"PN0123456789abcdef0123456789abcdef\", \"account_sid\": \"" + ACCOUNT_SID + "\", \"phone_number\": \""
                + NUMBER + "\", \"voice_url\": \"" + voiceUrl + "\", \"voice_method\": \"" + voiceMethod
                + "\", \"voice_application_sid\": \"" + applicationSid + "\"}";
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }
}
