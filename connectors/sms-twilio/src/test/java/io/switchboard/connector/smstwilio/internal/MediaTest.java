package io.switchboard.connector.smstwilio.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.switchboard.connector.smstwilio.internal.Fixtures.ACCOUNT_SID;
import static io.switchboard.connector.smstwilio.internal.Fixtures.AUTH_TOKEN;
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
import io.switchboard.api.channel.MediaResult;
import io.switchboard.api.model.Attachment;
import io.switchboard.connector.twilio.MediaDownloader;
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
 * MMS media fetched as Twilio serves them: the media URL on the API, with the account's credentials,
 * redirects to a pre-signed URL on a file host, which must be fetched without them. WireMock plays both
 * hosts (every connection of the instance goes to it; the Host header says which one was meant).
 */
class MediaTest {

    @RegisterExtension
    static final WireMockExtension TWILIO = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private static final String API_HOST = "api.twilio.com";
    private static final String FILE_HOST = "s3-external-1.amazonaws.com";
    private static final String MEDIA_PATH = "/2010-04-01/Accounts/" + ACCOUNT_SID
            + "/Messages/MM0123456789abcdef0123456789abcdef/Media/ME0123456789abcdef0123456789abcdef";
    private static final String MEDIA_URL = "https://" + API_HOST + MEDIA_PATH;
    private static final String FILE_PATH = "/media.twiliocdn.com/" + ACCOUNT_SID + "/d8c1b1f0e1";
    private static final String FILE_URL = "https://" + FILE_HOST + FILE_PATH + "?X-Amz-Signature=0a1b2c&X-Amz-Expires=300";

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
    void theRedirectToTheFileHostIsFollowedWithoutTheAccountsCredentials() {
        byte[] photo = bytes(150_000);
        TWILIO.stubFor(mediaOnApi().willReturn(aResponse().withStatus(307).withHeader("Location", FILE_URL)));
        TWILIO.stubFor(fileOnHost().willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "image/jpeg").withBody(photo)));

        MediaResult.Fetched fetched = assertInstanceOf(MediaResult.Fetched.class, channel(1_000_000).fetchMedia(media()));

        assertArrayEquals(photo, fetched.content());
        assertEquals("image/jpeg", fetched.contentType());
        LoggedRequest api = only(MEDIA_PATH);
        assertEquals(basicAuth(), api.getHeader("Authorization"));
        assertEquals(API_HOST, api.getHost());
        LoggedRequest file = TWILIO.findAll(getRequestedFor(urlPathEqualTo(FILE_PATH))).get(0);
        assertFalse(file.containsHeader("Authorization"), "the file host never sees the credentials");
        assertFalse(file.containsHeader("Cookie"));
        assertEquals(FILE_HOST, file.getHost());
        assertEquals("0a1b2c", file.queryParameter("X-Amz-Signature").firstValue(), "the signed URL is kept as it is");
    }

    @Test
    void mediaTwilioServesItselfAreTakenAsTheyCome() {
        byte[] card = "BEGIN:VCARD\r\nFN:Ada\r\nEND:VCARD\r\n".getBytes(StandardCharsets.UTF_8);
        TWILIO.stubFor(mediaOnApi().willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/vcard")
                .withBody(card)));

        MediaResult.Fetched fetched = assertInstanceOf(MediaResult.Fetched.class, channel(1_000_000).fetchMedia(media()));

        assertArrayEquals(card, fetched.content());
        assertEquals("text/vcard", fetched.contentType());
    }

    @Test
    void mediaTwilioNoLongerHasFailForGood() {
        TWILIO.stubFor(mediaOnApi().willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/json")
                .withBody("{\"code\": 20404, \"message\": \"The requested resource was not found\", \"status\": 404}")));

        MediaResult.Failed failed = assertInstanceOf(MediaResult.Failed.class, channel(1_000_000).fetchMedia(media()));

        assertTrue(failed.detail().startsWith("Twilio answered 404"), failed.detail());
    }

    @ParameterizedTest
    @ValueSource(ints = {429, 500, 503})
    void rateLimitsAndServerErrorsOfTwilioAreRetried(int status) {
        TWILIO.stubFor(mediaOnApi().willReturn(aResponse().withStatus(status)));

        MediaResult.Retry retry = assertInstanceOf(MediaResult.Retry.class, channel(1_000_000).fetchMedia(media()));

        assertEquals("Twilio answered " + status, retry.detail());
    }

    @ParameterizedTest
    @ValueSource(ints = {403, 500, 503})
    void anExpiredLinkOrAFailingFileHostIsRetried(int status) {
        TWILIO.stubFor(mediaOnApi().willReturn(aResponse().withStatus(302).withHeader("Location", FILE_URL)));
        TWILIO.stubFor(fileOnHost().willReturn(aResponse().withStatus(status)));

        MediaResult.Retry retry = assertInstanceOf(MediaResult.Retry.class, channel(1_000_000).fetchMedia(media()));

        assertTrue(retry.detail().startsWith(FILE_HOST + " answered " + status), retry.detail());
    }

    @Test
    void rejectedCredentialsAreRetriedWithAHintForTheAdmin() {
        TWILIO.stubFor(get(urlEqualTo(MEDIA_PATH)).willReturn(aResponse().withStatus(401)));

        MediaResult.Retry retry = assertInstanceOf(MediaResult.Retry.class, channel(1_000_000).fetchMedia(media()));

        assertTrue(retry.detail().contains("authToken"), retry.detail());
    }

    @Test
    void contentOverTheCoresLimitIsNotReadWhole() {
        TWILIO.stubFor(mediaOnApi().willReturn(aResponse().withStatus(307).withHeader("Location", FILE_URL)));
        TWILIO.stubFor(fileOnHost().willReturn(aResponse().withStatus(200).withHeader("Content-Type", "video/mp4")
                .withBody(bytes(2_001))));

        MediaResult.Failed announced = assertInstanceOf(MediaResult.Failed.class, channel(2_000).fetchMedia(media()));
        assertTrue(announced.detail().startsWith("too large"), announced.detail());

        TWILIO.stubFor(fileOnHost().willReturn(aResponse().withStatus(200).withHeader("Content-Type", "video/mp4")
                .withHeader("Transfer-Encoding", "chunked").withBody(bytes(2_001)).withChunkedDribbleDelay(3, 1)));
        MediaResult.Failed streamed = assertInstanceOf(MediaResult.Failed.class, channel.fetchMedia(media()));
        assertTrue(streamed.detail().startsWith("too large"), streamed.detail());

        TWILIO.stubFor(fileOnHost().willReturn(aResponse().withStatus(200).withBody(bytes(2_000))));
        assertEquals(2_000, assertInstanceOf(MediaResult.Fetched.class, channel.fetchMedia(media())).content().length,
                "exactly the limit is kept");
    }

    @Test
    void aRedirectLoopOrAnUnusableLocationFails() {
        TWILIO.stubFor(mediaOnApi().willReturn(aResponse().withStatus(307).withHeader("Location", FILE_URL)));
        TWILIO.stubFor(fileOnHost().willReturn(aResponse().withStatus(302).withHeader("Location", FILE_URL)));
        MediaResult.Failed loop = assertInstanceOf(MediaResult.Failed.class, channel(1_000_000).fetchMedia(media()));
        assertTrue(loop.detail().contains("redirects"), loop.detail());
        assertEquals(MediaDownloader.MAX_REDIRECTS, TWILIO.findAll(getRequestedFor(urlPathEqualTo(FILE_PATH))).size());

        TWILIO.stubFor(mediaOnApi().willReturn(aResponse().withStatus(307).withHeader("Location", "file:///etc/passwd")));
        assertInstanceOf(MediaResult.Failed.class, channel.fetchMedia(media()));
    }

    @Test
    void aBrokenConnectionIsRetried() {
        TWILIO.stubFor(mediaOnApi().willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        MediaResult.Retry retry = assertInstanceOf(MediaResult.Retry.class, channel(1_000_000).fetchMedia(media()));

        assertTrue(retry.detail().startsWith("could not reach Twilio"), retry.detail());
    }

    @Test
    void urlsOutsideTwiliosApiAreNeitherFetchedNorGivenTheCredentials() {
        ChannelInstance instance = channel(1_000_000);
        for (String url : List.of("https://cdn.example.com/ME1.jpg", "http://api.twilio.com" + MEDIA_PATH,
                "https://api.twilio.com.example.net" + MEDIA_PATH, "https://www.twilio.com/logo.png")) {
            assertEquals(MediaResult.keepReference(), instance.fetchMedia(new Attachment(url, "image/jpeg", null, -1)), url);
        }
        assertTrue(TWILIO.findAll(getRequestedFor(urlPathMatching("/(2010-04-01|ME1|logo).*"))).isEmpty());
        assertTrue(MediaDownloader.isTwilioApi(java.net.URI.create("https://api.dublin.ie1.twilio.com" + MEDIA_PATH)),
                "regional API hosts are Twilio's too");
    }

    @Test
    void aDisposedInstanceAsksForALaterTry() {
        ChannelInstance disposed = channel(1_000_000);
        disposed.dispose();

        assertInstanceOf(MediaResult.Retry.class, disposed.fetchMedia(media()));
        assertTrue(TWILIO.findAll(getRequestedFor(urlPathEqualTo(MEDIA_PATH))).isEmpty());
    }

    /** The media URL on the API host, answered only with the account's credentials. */
    private static MappingBuilder mediaOnApi() {
        return get(urlEqualTo(MEDIA_PATH)).withHost(equalTo(API_HOST)).withBasicAuth(ACCOUNT_SID, AUTH_TOKEN);
    }

    /** The pre-signed file URL, answered only without credentials. */
    private static MappingBuilder fileOnHost() {
        return get(urlPathEqualTo(FILE_PATH)).withHost(equalTo(FILE_HOST))
                .withQueryParam("X-Amz-Signature", equalTo("0a1b2c"))
                .withHeader("Authorization", absent());
    }

    private static Attachment media() {
        return new Attachment(MEDIA_URL, "image/jpeg", "ME0123456789abcdef0123456789abcdef.jpg", -1);
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

    private ChannelInstance channel(long mediaSizeLimit) {
        context = new RecordingChannelContext("support", Fixtures.configuration(TWILIO.baseUrl()), mediaSizeLimit);
        channel = new SmsTwilioChannelType().create(context);
        return channel;
    }
}
