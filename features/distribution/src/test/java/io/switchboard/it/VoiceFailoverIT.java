package io.switchboard.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.switchboard.it.TwilioRequests.newSid;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The core's failover for a voice instance on the assembled runtime: the voice connector's jar is
 * removed, a caller rings (Twilio's signed webhooks, over the public URL behind a proxy), the core
 * answers with its own voicemail and keeps the requests; once the jar is back the connector checks
 * them and the voicemail becomes a ticket with its recording, fetched from "Twilio" (WireMock) with
 * the account's credentials.
 */
class VoiceFailoverIT {
    private static final Duration SOON = Duration.ofSeconds(30);
    private static final String JAR = "voice-twilio.jar";
    private static final String ACCOUNT_SID = "AC7d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a";
    private static final String AUTH_TOKEN = "9c1f2e3d4c5b6a79880716253a4b5c6d";
    private static final String PUBLIC_BASE = "https://calls.example.com";
    private static final String ACCOUNT = "/2010-04-01/Accounts/" + ACCOUNT_SID;
    private static final String NUMBERS = ACCOUNT + "/IncomingPhoneNumbers.json";
    private static final String INSTANCE = "hotline";
    private static final String NUMBER = "+14155550120";
    private static final String CALLER = "+14155550177";
    private static final String IVR = """
            {"greeting": "Welcome.", "nodes": {"main": {"prompt": "Press 9 to leave a message.",
              "options": [{"digit": "9", "voicemail": true}], "default": {"voicemail": true}}}}
            """;

    private static SwitchboardProcess switchboard;
    private static WireMockServer twilio;
    private static Api api;

    @BeforeAll
    static void start() {
        twilio = new WireMockServer(options().dynamicPort());
        twilio.start();
        switchboard = SwitchboardProcess.start();
        api = new Api(switchboard);
        switchboard.awaitHttp("/health", 200, SOON);
        switchboard.deploy(SwitchboardProcess.connector("switchboard-connector-voice-twilio"), JAR);
        api.await("/api/v1/channel-types", types -> types.toString().contains("\"voice-twilio\""), SOON);
    }

    @AfterAll
    static void stop() {
        if (switchboard != null) {
            switchboard.close();
        }
        twilio.stop();
    }

    @Test
    void aCallWhileTheConnectorIsAwayGetsTheCoresVoicemailWhichBecomesATicketOnceItIsBack() throws Exception {
        stubNumberLookup();
        Map<String, Object> configuration = Map.of("accountSid", ACCOUNT_SID, "authToken", AUTH_TOKEN,
                "phoneNumber", NUMBER, "publicBaseUrl", PUBLIC_BASE, "ivr", IVR, "apiBaseUrl", twilio.baseUrl());
        HttpResponse<String> created = api.post("/api/v1/channel-instances",
                Map.of("id", INSTANCE, "type", "voice-twilio", "configuration", configuration));
        assertEquals(201, created.statusCode(), created.body());
        api.await("/api/v1/channel-instances/" + INSTANCE, i -> "ONLINE".equals(i.get("health").get("status").asText()), SOON);

        switchboard.undeploy(JAR);
        api.await("/api/v1/channel-instances/" + INSTANCE, i -> !i.get("active").asBoolean(), SOON);

        String callSid = newSid("CA");
        HttpResponse<String> answer = hook("/voice", call(callSid));
        assertEquals(200, answer.statusCode(), answer.body());
        assertTrue(answer.headers().firstValue("Content-Type").orElse("").startsWith("application/xml"));
        Document twiml = parse(answer.body());
        assertEquals(1, twiml.getElementsByTagName("Say").getLength(), answer.body());
        Element record = (Element) twiml.getElementsByTagName("Record").item(0);
        // Twilio resolves the callback against the URL it called, the public one.
        URI callback = URI.create(hookUrl("/voice")).resolve(record.getAttribute("recordingStatusCallback"));
        assertEquals(PUBLIC_BASE + "/hooks/" + INSTANCE + "/fallback/recording?from="
                + URLEncoder.encode(CALLER, StandardCharsets.UTF_8) + "&callSid=" + callSid, callback.toString());
        String callbackPath = callback.toString().substring((PUBLIC_BASE + "/hooks/" + INSTANCE).length());

        String recordingSid = newSid("RE");
        String recordingUrl = "https://api.twilio.com" + ACCOUNT + "/Recordings/" + recordingSid;
        byte[] audio = new byte[24_000];
        new Random(7).nextBytes(audio);
        twilio.stubFor(get(urlEqualTo(ACCOUNT + "/Recordings/" + recordingSid + ".mp3")).withHost(equalTo("api.twilio.com"))
                .withBasicAuth(ACCOUNT_SID, AUTH_TOKEN)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "audio/mpeg").withBody(audio)));
        Map<String, String> recording = recordingCallback(callSid, recordingSid, recordingUrl);
        HttpResponse<String> parked = hook(callbackPath, recording);
        assertEquals(200, parked.statusCode(), parked.body());
        // A forger who learnt the URL: parked like the rest, and dropped when the connector checks it.
        Map<String, String> forged = recordingCallback(callSid, newSid("RE"), recordingUrl);
        assertEquals(200, hook(callbackPath, forged, TwilioSignatures.sign("00000000000000000000000000000000",
                hookUrl(callbackPath), forged)).statusCode());
        assertEquals(200, hook("/fallback/done", call(callSid)).statusCode());
        assertEquals(0, api.json("/api/v1/tickets?channel=" + INSTANCE).get("total").asInt(),
                "nothing is stored before the connector has checked the requests");

        switchboard.deploy(SwitchboardProcess.connector("switchboard-connector-voice-twilio"), JAR);

        JsonNode tickets = api.await("/api/v1/tickets?channel=" + INSTANCE, t -> t.get("total").asInt() == 1, SOON);
        long ticketId = tickets.get("items").get(0).get("id").asLong();
        JsonNode ticket = api.await("/api/v1/tickets/" + ticketId,
                t -> t.findValuesAsText("status").contains("STORED"), SOON);
        JsonNode call = ticket.get("timeline").findValue("call");
        assertEquals("VOICEMAIL", call.get("outcome").asText(), call::toString);
        assertEquals(callSid, call.get("callId").asText(), call::toString);
        assertEquals("taken while the line was down", call.get("ivrPath").get(0).asText(), call::toString);
        JsonNode customer = api.json("/api/v1/customers/" + tickets.get("items").get(0).get("customerId").asLong());
        assertEquals(CALLER, customer.get("identities").get(0).get("address").asText());
        assertEquals(1, twilio.findAll(getRequestedFor(urlPathEqualTo(ACCOUNT + "/Recordings/" + recordingSid + ".mp3"))).size());
        JsonNode attachment = ticket.get("timeline").findParents("attachments").get(0).get("attachments").get(0);
        HttpResponse<byte[]> content = download("/api/v1/attachments/" + attachment.get("id").asLong() + "/content");
        assertEquals(200, content.statusCode());
        assertArrayEquals(audio, content.body());
        switchboard.awaitLog("Dropped a parked POST /fallback/recording of channel instance " + INSTANCE, SOON);
        Api.sleep(1000);
        assertEquals(1, api.json("/api/v1/tickets?channel=" + INSTANCE).get("total").asInt(), "the forged one left nothing");
    }

    // --- Twilio -------------------------------------------------------------------------------------

    /** The number as Twilio lists it, its voice webhook pointing at the instance. */
    private static void stubNumberLookup() {
        String numberSid = newSid("PN");
        ObjectNode record = Api.JSON.createObjectNode()
                .put("account_sid", ACCOUNT_SID).put("api_version", "2010-04-01").put("friendly_name", NUMBER)
                .put("phone_number", NUMBER).put("sid", numberSid).put("voice_application_sid", "")
                .put("voice_method", "POST").put("voice_url", hookUrl("/voice"))
                .put("voice_fallback_method", "POST").put("voice_fallback_url", hookUrl("/fallback"))
                .put("uri", ACCOUNT + "/IncomingPhoneNumbers/" + numberSid + ".json").put("status", "in-use");
        record.putObject("capabilities").put("voice", true).put("sms", true).put("mms", true).put("fax", false);
        String page = NUMBERS + "?PhoneNumber=" + URLEncoder.encode(NUMBER, StandardCharsets.UTF_8) + "&PageSize=50&Page=0";
        ObjectNode list = Api.JSON.createObjectNode().put("end", 0).put("first_page_uri", page).putNull("next_page_uri")
                .put("page", 0).put("page_size", 50).putNull("previous_page_uri").put("start", 0).put("uri", page);
        list.putArray("incoming_phone_numbers").add(record);
        twilio.stubFor(get(urlPathEqualTo(NUMBERS)).withBasicAuth(ACCOUNT_SID, AUTH_TOKEN)
                .withQueryParam("PhoneNumber", equalTo(NUMBER))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(list.toString())));
    }

    private static Map<String, String> call(String callSid) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("AccountSid", ACCOUNT_SID);
        form.put("ApiVersion", "2010-04-01");
        form.put("CallSid", callSid);
        form.put("CallStatus", "ringing");
        form.put("Called", NUMBER);
        form.put("Caller", CALLER);
        form.put("Direction", "inbound");
        form.put("From", CALLER);
        form.put("To", NUMBER);
        return form;
    }

    /** What Twilio posts to a recordingStatusCallback: the call and the recording, not the caller. */
    private static Map<String, String> recordingCallback(String callSid, String recordingSid, String recordingUrl) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("AccountSid", ACCOUNT_SID);
        form.put("CallSid", callSid);
        form.put("RecordingSid", recordingSid);
        form.put("RecordingUrl", recordingUrl);
        form.put("RecordingStatus", "completed");
        form.put("RecordingSource", "RecordVerb");
        form.put("RecordingChannels", "1");
        return form;
    }

    private static String hookUrl(String pathAndQuery) {
        return PUBLIC_BASE + "/hooks/" + INSTANCE + pathAndQuery;
    }

    private static HttpResponse<String> hook(String pathAndQuery, Map<String, String> form) {
        return hook(pathAndQuery, form, TwilioSignatures.sign(AUTH_TOKEN, hookUrl(pathAndQuery), form));
    }

    private static HttpResponse<String> hook(String pathAndQuery, Map<String, String> form, String signature) {
        HttpRequest request = TwilioRequests.webhook(switchboard.uri("/hooks/" + INSTANCE + pathAndQuery), form, signature, SOON);
        try {
            return switchboard.http().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("POST " + pathAndQuery + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<byte[]> download(String path) {
        HttpRequest request = HttpRequest.newBuilder(switchboard.uri(path)).timeout(SOON)
                .header("Authorization", "Bearer " + api.adminToken()).GET().build();
        try {
            return switchboard.http().send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new AssertionError("GET " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }
}
