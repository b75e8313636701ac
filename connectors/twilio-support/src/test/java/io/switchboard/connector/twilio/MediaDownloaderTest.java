package io.switchboard.connector.twilio;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.switchboard.api.channel.MediaResult;
import io.switchboard.api.model.Attachment;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Files Twilio keeps, fetched as Twilio serves them: from the API with the account's credentials, and
 * from the file host it redirects to without them. WireMock plays both hosts (every connection of the
 * transport goes to it; the Host header says which one was meant).
 */
class MediaDownloaderTest {

    @RegisterExtension
    static final WireMockExtension TWILIO = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    static final TwilioAccount ACCOUNT = new Account("AC0123456789abcdef0123456789abcdef", "12345678901234567890123456789012");

    private static final String API_HOST = "api.twilio.com";
    private static final String FILE_HOST = "files.example";
    private static final String PATH = "/2010-04-01/Accounts/" + ACCOUNT.accountSid() + "/Faxes/FX1/Media/ME1";
    private static final String FILE_PATH = "/signed/ME1";

    private final TwilioTransport transport = TwilioTransport.create(URI.create(TWILIO.baseUrl()));

    record Account(String accountSid, String authToken) implements TwilioAccount {
    }

    @AfterEach
    void close() {
        transport.close();
    }

    @Test
    void theRedirectIsFollowedWithoutTheCredentials() {
        byte[] content = "%PDF-1.7".getBytes(StandardCharsets.US_ASCII);
        TWILIO.stubFor(onApi().willReturn(aResponse().withStatus(307).withHeader("Location",
                "https://" + FILE_HOST + FILE_PATH + "?Signature=s1")));
        TWILIO.stubFor(get(urlPathEqualTo(FILE_PATH)).withHost(equalTo(FILE_HOST)).withHeader("Authorization", absent())
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/pdf").withBody(content)));

        MediaResult.Fetched fetched = assertInstanceOf(MediaResult.Fetched.class, downloader(1_000).fetch(attachment()));

        assertArrayEquals(content, fetched.content());
        assertEquals("application/pdf", fetched.contentType());
        LoggedRequest file = TWILIO.findAll(getRequestedFor(urlPathEqualTo(FILE_PATH))).get(0);
        assertFalse(file.containsHeader("Authorization"));
        assertEquals("s1", file.queryParameter("Signature").firstValue());
    }

    @Test
    void messagesNameWhatTheFilesAre() {
        TWILIO.stubFor(onApi().willReturn(aResponse().withStatus(404)));
        assertEquals("Twilio answered 404: the fax no longer exists (deleted at Twilio?)",
                assertInstanceOf(MediaResult.Failed.class, downloader(1_000).fetch(attachment())).detail());

        TWILIO.stubFor(onApi().willReturn(aResponse().withStatus(302)));
        assertEquals("Twilio answered 302 without saying where the fax is",
                assertInstanceOf(MediaResult.Failed.class, downloader(1_000).fetch(attachment())).detail());

        TWILIO.stubFor(onApi().willReturn(aResponse().withStatus(302).withHeader("Location", "ftp://" + FILE_HOST + "/x")));
        assertEquals("Twilio redirected the fax to an unusable location",
                assertInstanceOf(MediaResult.Failed.class, downloader(1_000).fetch(attachment())).detail());
    }

    @Test
    void rejectedCredentialsNameTheFieldsToCheck() {
        TWILIO.stubFor(get(urlEqualTo(PATH)).willReturn(aResponse().withStatus(401)));

        MediaResult.Retry retry = assertInstanceOf(MediaResult.Retry.class, downloader(1_000).fetch(attachment()));

        assertEquals("Twilio answered 401: check the accountSid and authToken in the channel settings", retry.detail());
    }

    @Test
    void aFileOverTheLimitOnTheFileHostIsNotKept() {
        TWILIO.stubFor(onApi().willReturn(aResponse().withStatus(302).withHeader("Location", "https://" + FILE_HOST + FILE_PATH)));
        TWILIO.stubFor(get(urlPathEqualTo(FILE_PATH)).withHost(equalTo(FILE_HOST))
                .willReturn(aResponse().withStatus(200).withBody(new byte[1_001])));

        MediaResult.Failed failed = assertInstanceOf(MediaResult.Failed.class, downloader(1_000).fetch(attachment()));

        assertTrue(failed.detail().startsWith("too large"), failed.detail());
    }

    @Test
    void onlyTwiliosApiOverHttpsGetsTheCredentials() {
        for (String url : List.of("https://api.twilio.com/x", "https://api.dublin.ie1.twilio.com/x", "https://API.Twilio.com/x")) {
            assertTrue(MediaDownloader.isTwilioApi(URI.create(url)), url);
        }
        for (String url : List.of("http://api.twilio.com/x", "https://www.twilio.com/x", "https://api.twilio.com.example.net/x",
                "https://media.twiliocdn.com/x")) {
            assertFalse(MediaDownloader.isTwilioApi(URI.create(url)), url);
            assertEquals(MediaResult.keepReference(), downloader(1_000).fetch(new Attachment(url, null, null, -1)), url);
        }
        assertTrue(TWILIO.getAllServeEvents().isEmpty());
    }

    private MediaDownloader downloader(long maxBytes) {
        return new MediaDownloader(transport, ACCOUNT, maxBytes, "fax");
    }

    private static MappingBuilder onApi() {
        return get(urlEqualTo(PATH)).withHost(equalTo(API_HOST)).withBasicAuth(ACCOUNT.accountSid(), ACCOUNT.authToken());
    }

    private static Attachment attachment() {
        return new Attachment("https://" + API_HOST + PATH, "application/pdf", null, -1);
    }
}
