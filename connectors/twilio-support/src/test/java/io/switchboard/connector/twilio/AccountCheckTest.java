package io.switchboard.connector.twilio;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.twilio.exception.ApiException;
import com.twilio.rest.api.v2010.account.IncomingPhoneNumber;
import io.switchboard.api.channel.Health;
import io.switchboard.api.channel.Health.Reason;
import io.switchboard.testkit.RecordingChannelContext;
import java.net.URI;
import java.util.HashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What every Twilio connector's check shares: how Twilio's refusals become health, one attempt per
 * call, and a credentials rejection that a later successful call clears.
 */
class AccountCheckTest {

    @RegisterExtension
    static final WireMockExtension TWILIO = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private static final TwilioAccount ACCOUNT = MediaDownloaderTest.ACCOUNT;
    private static final String NUMBER = "+14155550100";
    private static final String NUMBERS = "/2010-04-01/Accounts/" + ACCOUNT.accountSid() + "/IncomingPhoneNumbers.json";

    private final RecordingChannelContext context = new RecordingChannelContext("support", new HashMap<>());
    private final TwilioTransport transport = TwilioTransport.create(URI.create(TWILIO.baseUrl()));
    private final HealthReporter health = new HealthReporter(context);
    private final AccountCheck check = new AccountCheck(context, transport, ACCOUNT, health, "number") {
        @Override
        protected Health lookUp(TwilioExchange exchange) {
            IncomingPhoneNumber number = incomingNumber(exchange, NUMBER);
            return number == null ? notANumberOfTheAccount(NUMBER)
                    : pointsAt(number.getSmsUrl(), "https://help.example.com/hooks/support/sms") ? Health.online()
                    : Health.degraded(Reason.CONFIGURATION_ERROR, "elsewhere");
        }

        @Override
        protected Health refused(ApiException e, int status) {
            return Health.offline(Reason.CONFIGURATION_ERROR, "refused " + status);
        }
    };

    @AfterEach
    void close() throws InterruptedException {
        transport.close();
        context.close();
    }

    @Test
    void theConnectorsLookUpDecidesWhenTwilioAnswers() {
        TWILIO.stubFor(lookup().willReturn(numbers("https://help.example.com/hooks/support/sms#rc=2")));
        assertEquals(Health.online(), check.check(), "connection overrides do not change where requests go");

        TWILIO.stubFor(lookup().willReturn(numbers("https://demo.twilio.com/sms")));
        assertEquals(Health.degraded(Reason.CONFIGURATION_ERROR, "elsewhere"), check.check());

        TWILIO.stubFor(lookup().willReturn(numbers()));
        assertEquals(Health.offline(Reason.CONFIGURATION_ERROR, "phoneNumber " + NUMBER + " is not a number of Twilio account "
                + ACCOUNT.accountSid()), check.check());
    }

    @Test
    void rateLimitsAndTwiliosFailuresAreTriedAgainAfterOneAttempt() {
        for (int status : new int[] {429, 500, 503}) {
            TWILIO.resetAll();
            TWILIO.stubFor(lookup().willReturn(aResponse().withStatus(status)));

            assertEquals(Health.offline(Reason.COMMUNICATION_ERROR, "Twilio answered " + status + "; trying again in "
                    + AccountCheck.RETRY_SECONDS + " s"), check.check());
            assertEquals(1, TWILIO.findAll(getRequestedFor(urlPathEqualTo(NUMBERS))).size(), "the SDK's retries are off");
        }
    }

    @Test
    void otherRefusalsAreTheConnectorsToExplain() {
        TWILIO.stubFor(lookup().willReturn(json(400, "{\"code\": 21421, \"message\": \"PhoneNumber is invalid\", \"status\": 400}")));

        assertEquals(Health.offline(Reason.CONFIGURATION_ERROR, "refused 400"), check.check());
    }

    @Test
    void rejectedCredentialsAreReportedUntilACallWithThemWorks() throws Exception {
        TWILIO.stubFor(get(urlPathEqualTo(NUMBERS)).willReturn(json(401,
                "{\"code\": 20003, \"message\": \"Authenticate\", \"status\": 401}")));

        check.run();

        Health rejected = context.lastHealth();
        assertEquals(Reason.CONFIGURATION_ERROR, rejected.reason());
        assertTrue(rejected.message().startsWith(AccountCheck.CREDENTIALS_REJECTED + " (HTTP 401)"), rejected.message());
        health.credentialsWorked();
        assertEquals(Health.online(), context.lastHealth());
        assertEquals(2, context.healthReports().size());
        health.credentialsWorked();
        assertEquals(2, context.healthReports().size(), "an unchanged health is reported once");
    }

    @Test
    void aCheckOfADisposedInstanceReportsNothing() {
        transport.close();

        check.run();

        assertNull(context.lastHealth());
    }

    private static MappingBuilder lookup() {
        return get(urlPathEqualTo(NUMBERS)).withQueryParam("PhoneNumber", equalTo(NUMBER))
                .withBasicAuth(ACCOUNT.accountSid(), ACCOUNT.authToken());
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder numbers(String... smsUrls) {
        StringBuilder records = new StringBuilder();
        for (String smsUrl : smsUrls) {
            records.append(records.isEmpty() ? "" : ",").append("{\"sid\": \"PN0123456789abcdef0123456789abcdef\", \"phone_number\": \"")
                    .append(NUMBER).append("\", \"sms_url\": \"").append(smsUrl).append("\"}");
        }
        return json(200, "{\"incoming_phone_numbers\": [" + records + "], \"uri\": \"" + NUMBERS
                + "\", \"page\": 0, \"page_size\": 50, \"next_page_uri\": null}");
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }
}
