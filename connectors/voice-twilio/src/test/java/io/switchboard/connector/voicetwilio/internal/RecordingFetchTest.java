package io.switchboard.connector.voicetwilio.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.switchboard.connector.voicetwilio.internal.Fixtures.ACCOUNT_SID;
import static io.switchboard.connector.voicetwilio.internal.Fixtures.AUTH_TOKEN;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.switchboard.api.channel.ChannelInstance;
import io.switchboard.api.channel.CallUpdate;
import io.switchboard.api.channel.InboundResult;
import io.switchboard.api.channel.MediaResult;
import io.switchboard.api.model.Attachment;
import io.switchboard.testkit.RecordingChannelContext;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Voicemail recordings fetched as Twilio serves them: the recording URL on the API, answered only with
 * the account's credentials (when the account enforces authentication on media), either with the audio
 * or with a redirect to a file host that must not see the credentials. WireMock plays both hosts.
 */
class RecordingFetchTest {

    @RegisterExtension
    static final WireMockExtension TWILIO = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private static final String API_HOST = "api.twilio.com";
    private static final String FILE_HOST = "media.twiliocdn.example";
    private static final String RECORDING_SID = "RE0123456789abcdef0123456789abcdef";
    private static final String RECORDING_PATH = "/2010-04-01/Accounts/" + ACCOUNT_SID + "/Recordings/" + RECORDING_SID;
    private static final String FILE_PATH = "/recordings/" + ACCOUNT_SID + "/" + RECORDING_SID + ".mp3";
    private static final String FILE_URL = "https://" + FILE_HOST + FILE_PATH + "?Expires=1764500000&Signature=a1b2c3";

    private RecordingChannelContext context;
    private ChannelInstance channel;

    @AfterEach
    void dispose() throws InterruptedException {
        if (channel != null) {
            channel.dispose();
            context.close();
        }
    }

    @Test
    void theRecordingOfAVoicemailIsFetchedWithTheAccountsCredentials() {
        byte[] audio = bytes(48_000);
        TWILIO.stubFor(recordingOnApi().willReturn(aResponse().withStatus(200).withHeader("Content-Type", "audio/mpeg")
                .withBody(audio)));
        channel(1_000_000);
        // The attachment exactly as the recording callback named it.
        CallUpdate voicemail = assertInstanceOf(CallUpdate.class, assertInstanceOf(InboundResult.Accepted.class,
                channel.receive(Fixtures.signedPost("/voice/recording?from=%2B14155550199", Fixtures.form(
                        "AccountSid", ACCOUNT_SID, "CallSid", Fixtures.CALL_SID, "RecordingSid", RECORDING_SID,
                        "RecordingUrl", "https://" + API_HOST + RECORDING_PATH, "RecordingStatus", "completed",
                        "RecordingDuration", "3")))).events().get(0));

        MediaResult.Fetched fetched = assertInstanceOf(MediaResult.Fetched.class,
                channel.fetchMedia(voicemail.recording()));

        assertArrayEquals(audio, fetched.content());
        assertEquals("audio/mpeg", fetched.contentType());
        LoggedRequest request = only(RECORDING_PATH + ".mp3");
        assertEquals(basicAuth(), request.getHeader("Authorization"));
        assertEquals(API_HOST, request.getHost());
    }

    @Test
    void aRedirectToTheFileHostIsFollowedWithoutTheCredentials() {
        byte[] audio = bytes(20_000);
        TWILIO.stubFor(recordingOnApi().willReturn(aResponse().withStatus(302).withHeader("Location", FILE_URL)));
        TWILIO.stubFor(get(urlPathEqualTo(FILE_PATH)).withHost(equalTo(FILE_HOST))
                .withQueryParam("Signature", equalTo("a1b2c3"))
                .withHeader("Authorization", absent())
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "audio/mpeg").withBody(audio)));

        MediaResult.Fetched fetched = assertInstanceOf(MediaResult.Fetched.class, channel(1_000_000).fetchMedia(recording()));

        assertArrayEquals(audio, fetched.content());
        LoggedRequest file = TWILIO.findAll(getRequestedFor(urlPathEqualTo(FILE_PATH))).get(0);
        assertFalse(file.containsHeader("Authorization"), "the file host never sees the credentials");
    }

    @Test
    void wrongCredentialsAreNotAnswered() {
        // The stub answers only the right Basic credentials; anything else gets WireMock's 404.
        TWILIO.stubFor(recordingOnApi().willReturn(aResponse().withStatus(200).withBody(bytes(10))));
        context = new RecordingChannelContext("support", withToken("abcdefabcdefabcdefabcdefabcdefab"), 1_000_000);
        channel = new VoiceTwilioChannelType().create(context);

        assertInstanceOf(MediaResult.Failed.class, channel.fetchMedia(recording()));
        assertEquals("Basic " + Base64.getEncoder().encodeToString((ACCOUNT_SID + ":abcdefabcdefabcdefabcdefabcdefab")
                .getBytes(StandardCharsets.US_ASCII)), only(RECORDING_PATH + ".mp3").getHeader("Authorization"));
    }

    @Test
    void aDeletedRecordingFailsForGood() {
        TWILIO.stubFor(recordingOnApi().willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/json")
                .withBody("{\"code\": 20404, \"message\": \"The requested resource was not found\", \"status\": 404}")));

        MediaResult.Failed failed = assertInstanceOf(MediaResult.Failed.class, channel(1_000_000).fetchMedia(recording()));

        assertTrue(failed.detail().startsWith("Twilio answered 404: the recording no longer exists"), failed.detail());
    }

    @ParameterizedTest
    @ValueSource(ints = {429, 500, 503})
    void rateLimitsAndServerErrorsAreRetried(int status) {
        TWILIO.stubFor(recordingOnApi().willReturn(aResponse().withStatus(status)));

        MediaResult.Retry retry = assertInstanceOf(MediaResult.Retry.class, channel(1_000_000).fetchMedia(recording()));

        assertEquals("Twilio answered " + status, retry.detail());
    }

    @Test
    void rejectedCredentialsAreRetriedWithAHintForTheAdmin() {
        TWILIO.stubFor(get(urlEqualTo(RECORDING_PATH + ".mp3")).willReturn(aResponse().withStatus(401)));

        MediaResult.Retry retry = assertInstanceOf(MediaResult.Retry.class, channel(1_000_000).fetchMedia(recording()));

        assertTrue(retry.detail().contains("authToken"), retry.detail());
    }

    @Test
    void aRecordingOverTheCoresLimitIsNotKept() {
        TWILIO.stubFor(recordingOnApi().willReturn(aResponse().withStatus(200).withBody(bytes(2_001))));

        MediaResult.Failed failed = assertInstanceOf(MediaResult.Failed.class, channel(2_000).fetchMedia(recording()));

        assertTrue(failed.detail().startsWith("too large"), failed.detail());
    }

    @Test
    void aBrokenConnectionIsRetried() {
        TWILIO.stubFor(recordingOnApi().willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        assertInstanceOf(MediaResult.Retry.class, channel(1_000_000).fetchMedia(recording()));
    }

    @Test
    void urlsOutsideTwiliosApiStayLinksAndNeverSeeTheCredentials() {
        ChannelInstance instance = channel(1_000_000);
        for (String url : List.of("https://cdn.example.com/RE1.mp3", "http://api.twilio.com" + RECORDING_PATH + ".mp3",
                "https://api.twilio.com.example.net" + RECORDING_PATH + ".mp3")) {
            assertEquals(MediaResult.keepReference(), instance.fetchMedia(new Attachment(url, "audio/mpeg", null, -1)), url);
        }
        // The number check of the instance is the only request WireMock sees.
        assertTrue(TWILIO.findAll(getRequestedFor(urlPathMatching("(/RE1|.*/Recordings/).*"))).isEmpty());
    }

    @Test
    void aDisposedInstanceAsksForALaterTry() {
        ChannelInstance disposed = channel(1_000_000);
        disposed.dispose();

        assertInstanceOf(MediaResult.Retry.class, disposed.fetchMedia(recording()));
    }

    private static MappingBuilder recordingOnApi() {
        return get(urlEqualTo(RECORDING_PATH + ".mp3")).withHost(equalTo(API_HOST)).withBasicAuth(ACCOUNT_SID, AUTH_TOKEN);
    }

    private static Attachment recording() {
        return new Attachment("https://" + API_HOST + RECORDING_PATH + ".mp3", "audio/mpeg", RECORDING_SID + ".mp3", -1);
    }

    private static LoggedRequest only(String path) {
        List<LoggedRequest> requests = TWILIO.findAll(getRequestedFor(urlEqualTo(path)));
        assertEquals(1, requests.size(), "one request to " + path);
        return requests.get(0);
    }

    private static byte[] bytes(int size) {
        byte[] content = new byte[size];
        new Random(size).nextBytes(content);
        return content;
    }

    private static String basicAuth() {
        return "Basic " + Base64.getEncoder().encodeToString((ACCOUNT_SID + ":" + AUTH_TOKEN).getBytes(StandardCharsets.US_ASCII));
    }

    private static java.util.Map<String, Object> withToken(String token) {
        java.util.Map<String, Object> configuration = Fixtures.configuration(TWILIO.baseUrl());
        configuration.put("authToken", token);
        return configuration;
    }

    private ChannelInstance channel(long mediaSizeLimit) {
        context = new RecordingChannelContext("support", Fixtures.configuration(TWILIO.baseUrl()), mediaSizeLimit);
        channel = new VoiceTwilioChannelType().create(context);
        return channel;
    }
}
