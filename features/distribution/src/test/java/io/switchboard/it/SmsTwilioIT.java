package io.switchboard.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.switchboard.it.TwilioRequests.decodeForm;
import static io.switchboard.it.TwilioRequests.newSid;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Twilio SMS connector on the assembled runtime, driven the way Twilio drives it: its jar dropped
 * into a running Switchboard, form posts signed with the account's Auth Token over the public URL
 * (Switchboard sits behind a proxy at {@link #PUBLIC_BASE}), and WireMock as Twilio's REST API,
 * matching every parameter of the calls the connector makes. Each test has its own instance and number.
 */
class SmsTwilioIT {
    private static final Duration SOON = Duration.ofSeconds(30);
    private static final String JAR = "sms-twilio.jar";
    private static final String SYMBOLIC_NAME = "io.switchboard.connector.smstwilio";
    private static final String ACCOUNT_SID = "AC5e0a4c1b9f3d2e8a7b6c5d4e3f2a1b0c";
    private static final String AUTH_TOKEN = "f3a9c2e71b0d4856a7c3e9f1b2d48a60";
    private static final String PUBLIC_BASE = "https://help.example.com";
    private static final String ACCOUNT = "/2010-04-01/Accounts/" + ACCOUNT_SID;
    private static final String MESSAGES = ACCOUNT + "/Messages.json";
    private static final String NUMBERS = ACCOUNT + "/IncomingPhoneNumbers.json";
    private static final DateTimeFormatter RFC_2822 = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.US);

    private static SwitchboardProcess switchboard;
    private static WireMockServer twilio;
    private static Api api;

    @TempDir
    Path scratch;

    @BeforeAll
    static void start() {
        twilio = new WireMockServer(options().dynamicPort());
        twilio.start();
        switchboard = SwitchboardProcess.start();
        api = new Api(switchboard);
        switchboard.awaitHttp("/health", 200, SOON);
        switchboard.deploy(SwitchboardProcess.connector("switchboard-connector-sms-twilio"), JAR);
        api.await("/api/v1/channel-types", types -> types.toString().contains("\"sms-twilio\""), SOON);
    }

    @AfterAll
    static void stop() {
        if (switchboard != null) {
            switchboard.close();
        }
        twilio.stop();
    }

    /** Every call the connector made was one Twilio's API (as stubbed) answers: no stray or wrong parameter. */
    @AfterEach
    void everyTwilioCallMatched() {
        try {
            assertEquals(List.of(), twilio.findUnmatchedRequests().getRequests().stream()
                    .map(request -> request.getMethod() + " " + request.getUrl() + " " + request.getBodyAsString()).toList());
        } finally {
            twilio.resetRequests();
        }
    }

    @Test
    void anInstanceCreatedOverRestGoesOnlineOnceTwilioConfirmsItsNumber() {
        String number = "+14155550101";
        createInstance("smsdesk", number);

        LoggedRequest lookup = twilio.findAll(getRequestedFor(urlPathEqualTo(NUMBERS))).get(0);
        assertEquals(number, lookup.queryParameter("PhoneNumber").firstValue());
        assertEquals(List.of(), twilio.findAll(postRequestedFor(urlPathMatching(ACCOUNT + "/IncomingPhoneNumbers/.*"))),
                "a number already calling this instance keeps its URL and connection overrides");
        JsonNode instance = api.json("/api/v1/channel-instances/smsdesk");
        assertEquals("sms-twilio", instance.get("type").asText());
        assertFalse(instance.toString().contains(AUTH_TOKEN), "the Auth Token is never returned");
        assertTrue(instance.get("secretsSet").toString().contains("authToken"), instance.toString());
    }

    @Test
    void anSmsBecomesATicketAndTwilioDeliveringItTwiceStoresItOnce() {
        String number = "+14155550102";
        createInstance("smsin", number);
        Map<String, String> first = incoming(newSid("SM"), "+14155550199", number, "My parcel is late 📦");

        HttpResponse<String> answer = hook("smsin", "/sms", first);
        assertEquals(200, answer.statusCode(), answer.body());
        assertTrue(answer.headers().firstValue("Content-Type").orElse("").startsWith("application/xml"));
        assertTrue(answer.body().contains("<Response/>"), "empty TwiML, no auto-reply: " + answer.body());
        assertEquals(200, hook("smsin", "/sms", first).statusCode(), "a redelivery is acknowledged like the first");
        assertEquals(200, hook("smsin", "/sms", incoming(newSid("SM"), "+14155550199", number, "Order 1234")).statusCode());

        JsonNode ticket = api.json("/api/v1/tickets/" + onlyTicket("smsin"));
        assertEquals(List.of("My parcel is late 📦", "Order 1234"), ChannelFlowIT.texts(ticket));
        JsonNode customers = api.json("/api/v1/customers?search=" + URLEncoder.encode("+14155550199", StandardCharsets.UTF_8));
        assertEquals(1, customers.get("total").asInt());
        assertEquals("PHONE", customers.get("items").get(0).get("identities").get(0).get("kind").asText());
    }

    @Test
    void forgedOrUnsignedRequestsGet401AndLeaveNothing() {
        String number = "+14155550103";
        createInstance("smsforged", number);
        String forger = "+14155550166";
        Map<String, String> genuine = incoming(newSid("SM"), forger, number, "Hello");
        String signature = TwilioSignatures.sign(AUTH_TOKEN, hookUrl("smsforged", "/sms"), genuine);
        Map<String, String> tampered = new LinkedHashMap<>(genuine);
        tampered.put("Body", "Refund 500 USD to my card");

        List<HttpResponse<String>> answers = List.of(
                hook("smsforged", "/sms", tampered, signature),
                hook("smsforged", "/sms", genuine, TwilioSignatures.sign("0000000000000000000000000000000f",
                        hookUrl("smsforged", "/sms"), genuine)),
                hook("smsforged", "/sms", genuine, null));

        for (HttpResponse<String> answer : answers) {
            assertEquals(401, answer.statusCode(), answer.body());
            assertEquals("application/problem+json", answer.headers().firstValue("Content-Type").orElse(""));
        }
        assertEquals(0, api.json("/api/v1/tickets?channel=smsforged").get("total").asInt());
        assertEquals(0, api.json("/api/v1/customers?search=" + URLEncoder.encode(forger, StandardCharsets.UTF_8))
                .get("total").asInt());
    }

    @Test
    void mmsMediaAreFetchedWithTheAccountsCredentialsStoredAndDownloadedByAnAgent() {
        String number = "+14155550104";
        createInstance("smsmms", number);
        String sid = newSid("MM");
        String customer = "+447700900123";
        Map<String, String> mms = incoming(sid, customer, number, "Photos of the damage");
        byte[] photo = randomBytes(180_000);
        byte[] receipt = randomBytes(3_000);
        String photoSid = newSid("ME");
        String receiptSid = newSid("ME");
        mms.put("NumMedia", "2");
        mms.put("MediaContentType0", "image/jpeg");
        mms.put("MediaUrl0", stubMedia(sid, photoSid, photo, "image/jpeg"));
        mms.put("MediaContentType1", "image/png");
        mms.put("MediaUrl1", stubMedia(sid, receiptSid, receipt, "image/png"));

        assertEquals(200, hook("smsmms", "/sms", mms).statusCode());

        long ticket = onlyTicket("smsmms");
        JsonNode stored = api.await("/api/v1/tickets/" + ticket, t -> attachmentsOf(t, 0).findValuesAsText("status")
                .equals(List.of("STORED", "STORED")), SOON);
        assertEquals(List.of("Photos of the damage"), ChannelFlowIT.texts(stored));
        JsonNode attachments = attachmentsOf(stored, 0);
        String agent = agentToken("mms-agent");
        List<byte[]> contents = List.of(photo, receipt);
        List<String> names = List.of(photoSid + ".jpg", receiptSid + ".png");
        for (int i = 0; i < 2; i++) {
            JsonNode attachment = attachments.get(i);
            assertEquals(mms.get("MediaUrl" + i), attachment.get("url").asText());
            assertEquals(mms.get("MediaContentType" + i), attachment.get("contentType").asText());
            assertEquals(names.get(i), attachment.get("fileName").asText());
            assertEquals(contents.get(i).length, attachment.get("size").asLong());
            String contentUrl = attachment.get("contentUrl").asText();
            assertEquals("/api/v1/attachments/" + attachment.get("id").asLong() + "/content", contentUrl);

            HttpResponse<byte[]> download = download(contentUrl, agent);
            assertEquals(200, download.statusCode());
            assertArrayEquals(contents.get(i), download.body(), "the exact bytes Twilio served");
            assertEquals(mms.get("MediaContentType" + i), download.headers().firstValue("Content-Type").orElse(""));
            assertEquals(Long.toString(contents.get(i).length), download.headers().firstValue("Content-Length").orElse(""));
            assertTrue(download.headers().firstValue("Content-Disposition").orElse("")
                    .startsWith("attachment; filename=\"" + names.get(i) + "\""));
        }
        for (LoggedRequest file : twilio.findAll(getRequestedFor(urlPathMatching("/media.twiliocdn.com/.*")))) {
            assertFalse(file.containsHeader("Authorization"), "the file host never sees the account's credentials");
        }

        // A medium Twilio no longer has fails for good, and says why.
        String second = newSid("MM");
        String goneSid = newSid("ME");
        String gone = ACCOUNT + "/Messages/" + second + "/Media/" + goneSid;
        twilio.stubFor(get(urlEqualTo(gone)).withBasicAuth(ACCOUNT_SID, AUTH_TOKEN)
                .willReturn(json(404, Api.JSON.createObjectNode().put("code", 20404)
                        .put("message", "The requested resource " + gone + " was not found").put("status", 404))));
        Map<String, String> lost = incoming(second, customer, number, "");
        lost.put("NumMedia", "1");
        lost.put("MediaContentType0", "video/mp4");
        lost.put("MediaUrl0", "https://api.twilio.com" + gone);
        assertEquals(200, hook("smsmms", "/sms", lost).statusCode());

        JsonNode failed = api.await("/api/v1/tickets/" + ticket,
                t -> attachmentsOf(t, 1).findValuesAsText("status").equals(List.of("FAILED")), SOON);
        JsonNode failure = attachmentsOf(failed, 1).get(0);
        assertTrue(failure.get("failureReason").asText().startsWith("Twilio answered 404"), failure.toString());
        assertFalse(failure.has("contentUrl"), failure.toString());
        assertEquals(goneSid + ".mp4", failure.get("fileName").asText());
        assertEquals(404, download("/api/v1/attachments/" + failure.get("id").asLong() + "/content", agent).statusCode());
    }

    @Test
    void stopThenHelpShowOnTheCustomerAsOptedOutOnThatInstanceWithTheHelpKeyword() {
        String number = "+14155550107";
        String customer = "+14155550155";
        createInstance("smskeywords", number);

        assertEquals(200, hook("smskeywords", "/sms", incoming(newSid("SM"), customer, number, "STOP")).statusCode());
        assertEquals(200, hook("smskeywords", "/sms", incoming(newSid("SM"), customer, number, "help")).statusCode());

        long customerId = api.json("/api/v1/tickets/" + onlyTicket("smskeywords")).get("customerId").asLong();
        JsonNode detail = api.json("/api/v1/customers/" + customerId);
        JsonNode consent = detail.get("consent");
        assertEquals(1, consent.size(), detail.toString());
        assertEquals("smskeywords", consent.get(0).get("channelInstance").asText());
        assertEquals(customer, consent.get(0).get("address").get("value").asText());
        assertFalse(consent.get(0).get("optedIn").asBoolean(true), "STOP opted them out on that instance");
        assertEquals("STOP", consent.get(0).get("keyword").asText());
        assertEquals(List.of("HELP", "STOP"), detail.get("keywords").findValuesAsText("keyword"), "newest first");
        assertEquals("smskeywords", detail.get("keywords").get(0).get("channelInstance").asText());
    }

    @Test
    void aReplyLeavesThroughTheMessagesApiUnchangedAndTwilioReportsItDelivered() {
        String number = "+14155550105";
        String customer = "+8613912345678";
        String text = "您好 مرحبا 👋";
        createInstance("smsreply", number);
        assertEquals(200, hook("smsreply", "/sms", incoming(newSid("SM"), customer, number, "你好，我的订单呢？")).statusCode());
        long ticket = onlyTicket("smsreply");
        String sid = newSid("SM");
        stubSend("smsreply", customer, number, text, sid);

        assertEquals(202, api.post("/api/v1/tickets/" + ticket + "/replies", Map.of("text", text)).statusCode());

        JsonNode sent = api.await("/api/v1/tickets/" + ticket,
                t -> "SENT".equals(ChannelFlowIT.outbound(t).get("deliveryStatus").asText()), SOON);
        assertEquals(sid, ChannelFlowIT.outbound(sent).get("providerMessageId").asText());
        List<LoggedRequest> calls = twilio.findAll(postRequestedFor(urlEqualTo(MESSAGES)));
        assertEquals(1, calls.size());
        Map<String, String> form = decodeForm(calls.get(0).getBodyAsString());
        assertEquals(Set.of("To", "From", "Body", "StatusCallback"), form.keySet());
        assertEquals(text, form.get("Body"), "the UCS-2 text reaches Twilio unchanged");

        // Twilio reports on the URL the reply named, signing it as it is.
        String callback = form.get("StatusCallback");
        String pathAndQuery = callback.substring(hookUrl("smsreply", "").length());
        for (String status : List.of("sent", "delivered")) {
            assertEquals(200, hook("smsreply", pathAndQuery, statusCallback(sid, number, customer, status)).statusCode());
        }
        api.await("/api/v1/tickets/" + ticket,
                t -> "DELIVERED".equals(ChannelFlowIT.outbound(t).get("deliveryStatus").asText()), SOON);
    }

    @Test
    void updatingTheConnectorUnderTrafficLosesAndDoublesNoMessageAndNoReply() throws Exception {
        String number = "+14155550106";
        List<String> customers = List.of("+14155550171", "+14155550172", "+14155550173");
        createInstance("smslive", number);
        int total = 150;
        Set<String> acknowledged = Collections.synchronizedSet(new HashSet<>());
        AtomicInteger retried = new AtomicInteger();
        List<String> unexpected = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<Void> provider = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < total && unexpected.isEmpty(); i++) {
                String body = "message " + i;
                Map<String, String> sms = incoming(newSid("SM"), customers.get(i % customers.size()), number, body);
                // What Twilio does with connection overrides (#rc=..&rp=all): the same request again, a little later.
                while (true) {
                    HttpResponse<String> answer = hook("smslive", "/sms", sms);
                    if (answer.statusCode() == 200) {
                        acknowledged.add(body);
                        break;
                    }
                    if (answer.statusCode() != 503) {
                        unexpected.add(answer.statusCode() + " " + answer.body());
                        break;
                    }
                    retried.incrementAndGet();
                    Api.sleep(20);
                }
                Api.sleep(10);
            }
        });

        awaitSize(acknowledged, 30);
        List<Map.Entry<Long, String>> tickets = ticketsWithCustomerNumber("smslive");
        assertEquals(customers.size(), tickets.size());
        List<String> replies = new ArrayList<>();
        Path updated = TestBundles.withVersion(SwitchboardProcess.connector("switchboard-connector-sms-twilio"),
                "1.0.1.updated", scratch);
        switchboard.deploy(updated, JAR);
        // Replies written from the moment the jar lands until the instance runs on the updated bundle wait for it.
        long deadline = System.nanoTime() + SOON.toNanos();
        do {
            queueReply(tickets.get(replies.size() % tickets.size()), number, replies);
            Api.sleep(25);
            assertTrue(System.nanoTime() < deadline, "the instance did not come back on the updated connector");
        } while (instanceStarts("smslive") < 2);
        switchboard.awaitLog("Bundle updated: " + SYMBOLIC_NAME + " 1.0.1.updated", SOON);
        api.await("/api/v1/channel-instances/smslive", i -> "ONLINE".equals(i.get("health").get("status").asText()), SOON);
        tickets.forEach(ticket -> queueReply(ticket, number, replies));

        provider.get(SOON.toSeconds(), TimeUnit.SECONDS);
        assertEquals(List.of(), unexpected);
        assertEquals(total, acknowledged.size());
        List<String> stored = new ArrayList<>();
        for (Map.Entry<Long, String> ticket : tickets) {
            JsonNode detail = api.await("/api/v1/tickets/" + ticket.getKey(), t -> t.get("timeline").findParents("direction").stream()
                    .filter(e -> "OUTBOUND".equals(e.get("direction").asText()))
                    .allMatch(e -> "SENT".equals(e.get("deliveryStatus").asText())), SOON);
            stored.addAll(ChannelFlowIT.texts(detail));
        }
        assertEquals(total, stored.size(), "every acknowledged message is stored, none twice");
        assertEquals(acknowledged, Set.copyOf(stored));
        Api.sleep(1000);
        for (String reply : replies) {
            assertEquals(1, twilio.findAll(postRequestedFor(urlEqualTo(MESSAGES)).withFormParam("Body", equalTo(reply))).size(),
                    "'" + reply + "' was sent once");
        }
        System.out.println("sms-twilio update under traffic: " + total + " SMS acknowledged, " + retried.get()
                + " deliveries answered 503 and retried; " + replies.size() + " replies queued during the update, each sent once");
    }

    // --- Switchboard's side ----------------------------------------------------------------------

    /** Creates an instance for {@code number} over REST and waits for its sender check to pass. */
    private static void createInstance(String id, String number) {
        stubNumberLookup(id, number);
        Map<String, Object> configuration = Map.of("accountSid", ACCOUNT_SID, "authToken", AUTH_TOKEN,
                "phoneNumber", number, "publicBaseUrl", PUBLIC_BASE, "configureWebhooks", true,
                "apiBaseUrl", twilio.baseUrl());
        HttpResponse<String> created = api.post("/api/v1/channel-instances",
                Map.of("id", id, "type", "sms-twilio", "configuration", configuration));
        assertEquals(201, created.statusCode(), created.body());
        api.await("/api/v1/channel-instances/" + id, i -> "ONLINE".equals(i.get("health").get("status").asText()), SOON);
    }

    private static long onlyTicket(String channel) {
        JsonNode tickets = api.json("/api/v1/tickets?channel=" + channel);
        assertEquals(1, tickets.get("total").asInt(), tickets.toString());
        return tickets.get("items").get(0).get("id").asLong();
    }

    /** The channel's tickets, each with the phone number of its customer. */
    private static List<Map.Entry<Long, String>> ticketsWithCustomerNumber(String channel) {
        List<Map.Entry<Long, String>> tickets = new ArrayList<>();
        for (JsonNode ticket : api.json("/api/v1/tickets?channel=" + channel + "&size=100").get("items")) {
            JsonNode customer = api.json("/api/v1/customers/" + ticket.get("customerId").asLong());
            tickets.add(Map.entry(ticket.get("id").asLong(), customer.get("identities").get(0).get("address").asText()));
        }
        return tickets;
    }

    /**
     * A reply with a text of its own on {@code ticket}, and Twilio ready to accept exactly that message.
     * A customer's message landing on the same ticket at that moment must not turn the reply away.
     */
    private void queueReply(Map.Entry<Long, String> ticket, String number, List<String> replies) {
        String text = "reply " + replies.size() + " to " + ticket.getValue();
        stubSend("smslive", ticket.getValue(), number, text, newSid("SM"));
        HttpResponse<String> answer = api.post("/api/v1/tickets/" + ticket.getKey() + "/replies", Map.of("text", text));
        assertEquals(202, answer.statusCode(), answer.body());
        replies.add(text);
    }

    /** How often the log says the instance was started: once on creation, once more per connector update. */
    private static long instanceStarts(String instance) {
        return switchboard.logLines().stream()
                .filter(line -> line.contains("Channel instance " + instance + " (sms-twilio) started")).count();
    }

    private static void awaitSize(Set<String> acknowledged, int count) {
        long deadline = System.nanoTime() + SOON.toNanos();
        while (acknowledged.size() < count) {
            assertTrue(System.nanoTime() < deadline, "the provider stalled at " + acknowledged.size());
            Api.sleep(20);
        }
    }

    /** The attachments of the ticket's {@code index}th inbound message. */
    private static JsonNode attachmentsOf(JsonNode ticket, int index) {
        List<JsonNode> inbound = ticket.get("timeline").findParents("direction").stream()
                .filter(e -> "INBOUND".equals(e.get("direction").asText())).toList();
        return inbound.size() > index ? inbound.get(index).get("attachments") : Api.JSON.createArrayNode();
    }

    /** A new API token with the agent role. */
    private static String agentToken(String name) {
        HttpResponse<String> created = api.post("/api/v1/tokens", Map.of("name", name, "role", "agent"));
        assertEquals(201, created.statusCode(), created.body());
        return Api.read(created.body()).get("token").asText();
    }

    private static HttpResponse<byte[]> download(String path, String token) {
        HttpRequest request = HttpRequest.newBuilder(switchboard.uri(path)).timeout(SOON)
                .header("Authorization", "Bearer " + token).GET().build();
        try {
            return switchboard.http().send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new AssertionError("GET " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    // --- Twilio's REST API -----------------------------------------------------------------------

    /**
     * The sender check's lookup of the number, answered with the number as Twilio lists it, its SMS
     * webhook already pointing at the instance with connection overrides an admin added.
     */
    private static void stubNumberLookup(String instance, String number) {
        String numberSid = newSid("PN");
        ObjectNode record = Api.JSON.createObjectNode()
                .put("account_sid", ACCOUNT_SID).put("address_requirements", "none").putNull("address_sid")
                .put("api_version", "2010-04-01").put("beta", false)
                .put("date_created", now()).put("date_updated", now())
                .put("friendly_name", number).putNull("identity_sid").put("phone_number", number).put("origin", "twilio")
                .put("sid", numberSid).put("sms_application_sid", "").put("sms_fallback_method", "POST")
                .put("sms_fallback_url", "").put("sms_method", "POST")
                .put("sms_url", hookUrl(instance, "/sms") + "#rc=3&rp=all")
                .put("status_callback", "").put("status_callback_method", "POST").putNull("trunk_sid")
                .put("uri", ACCOUNT + "/IncomingPhoneNumbers/" + numberSid + ".json")
                .put("voice_application_sid", "").put("voice_caller_id_lookup", false)
                .put("voice_fallback_method", "POST").putNull("voice_fallback_url").put("voice_method", "POST")
                .putNull("voice_url").put("status", "in-use");
        record.putObject("capabilities").put("voice", true).put("sms", true).put("mms", true).put("fax", false);
        String page = NUMBERS + "?PhoneNumber=" + URLEncoder.encode(number, StandardCharsets.UTF_8) + "&PageSize=50&Page=0";
        ObjectNode list = Api.JSON.createObjectNode().put("end", 0).put("first_page_uri", page).putNull("next_page_uri")
                .put("page", 0).put("page_size", 50).putNull("previous_page_uri").put("start", 0).put("uri", page);
        list.putArray("incoming_phone_numbers").add(record);
        twilio.stubFor(get(urlPathEqualTo(NUMBERS))
                .withBasicAuth(ACCOUNT_SID, AUTH_TOKEN)
                .withQueryParam("PhoneNumber", equalTo(number))
                .willReturn(json(200, list)));
    }

    /**
     * A medium of a received message as Twilio serves it: its URL on the API answers only the account's
     * credentials, with a redirect to a pre-signed URL on the file host, which answers only a request
     * without them. Returns the media URL the webhook names.
     */
    private static String stubMedia(String messageSid, String mediaSid, byte[] content, String contentType) {
        String path = ACCOUNT + "/Messages/" + messageSid + "/Media/" + mediaSid;
        String file = "/media.twiliocdn.com/" + ACCOUNT_SID + "/" + UUID.randomUUID();
        twilio.stubFor(get(urlEqualTo(path)).withHost(equalTo("api.twilio.com")).withBasicAuth(ACCOUNT_SID, AUTH_TOKEN)
                .willReturn(aResponse().withStatus(307)
                        .withHeader("Location", "https://s3-external-1.amazonaws.com" + file + "?Expires=300&Signature=x1")));
        twilio.stubFor(get(urlPathEqualTo(file)).withHost(equalTo("s3-external-1.amazonaws.com"))
                .withQueryParam("Signature", equalTo("x1")).withHeader("Authorization", absent())
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", contentType).withBody(content)));
        return "https://api.twilio.com" + path;
    }

    /** {@code POST Messages.json} with exactly these parameters, answered 201 with the new message resource. */
    private static void stubSend(String instance, String to, String from, String body, String sid) {
        ObjectNode message = Api.JSON.createObjectNode()
                .put("account_sid", ACCOUNT_SID).put("api_version", "2010-04-01").put("body", body)
                .put("date_created", now()).putNull("date_sent").put("date_updated", now())
                .put("direction", "outbound-api").putNull("error_code").putNull("error_message")
                .put("from", from).putNull("messaging_service_sid").put("num_media", "0").put("num_segments", "1")
                .putNull("price").put("price_unit", "USD").put("sid", sid).put("status", "queued")
                .put("to", to).put("uri", ACCOUNT + "/Messages/" + sid + ".json");
        message.putObject("subresource_uris").put("media", ACCOUNT + "/Messages/" + sid + "/Media.json");
        twilio.stubFor(post(urlEqualTo(MESSAGES))
                .withBasicAuth(ACCOUNT_SID, AUTH_TOKEN)
                .withFormParam("To", equalTo(to))
                .withFormParam("From", equalTo(from))
                .withFormParam("Body", equalTo(body))
                .withFormParam("StatusCallback", matching(Pattern.quote(hookUrl(instance, "/status") + "?outbound=")
                        + "[0-9a-f-]{36}"))
                .willReturn(json(201, message)));
    }

    private static ResponseDefinitionBuilder json(int status, JsonNode body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json;charset=utf-8")
                .withBody(body.toString());
    }

    // --- Twilio's webhooks -----------------------------------------------------------------------

    /** The parameters of Twilio's incoming-message webhook for an SMS. */
    private static Map<String, String> incoming(String sid, String from, String to, String body) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("ToCountry", "US");
        form.put("SmsMessageSid", sid);
        form.put("NumMedia", "0");
        form.put("SmsSid", sid);
        form.put("SmsStatus", "received");
        form.put("Body", body);
        form.put("To", to);
        form.put("NumSegments", "1");
        form.put("MessageSid", sid);
        form.put("AccountSid", ACCOUNT_SID);
        form.put("From", from);
        form.put("ApiVersion", "2010-04-01");
        return form;
    }

    /** The parameters of Twilio's status callback for a message it sent. */
    private static Map<String, String> statusCallback(String sid, String from, String to, String status) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("SmsSid", sid);
        form.put("SmsStatus", status);
        form.put("MessageStatus", status);
        form.put("To", to);
        form.put("MessageSid", sid);
        form.put("AccountSid", ACCOUNT_SID);
        form.put("From", from);
        form.put("ApiVersion", "2010-04-01");
        return form;
    }

    /** The URL Twilio calls (and signs) for {@code pathAndQuery} of an instance: the public one, not ours. */
    private static String hookUrl(String instance, String pathAndQuery) {
        return PUBLIC_BASE + "/hooks/" + instance + pathAndQuery;
    }

    private static HttpResponse<String> hook(String instance, String pathAndQuery, Map<String, String> form) {
        return hook(instance, pathAndQuery, form, TwilioSignatures.sign(AUTH_TOKEN, hookUrl(instance, pathAndQuery), form));
    }

    /** The form post Twilio makes, arriving at this Switchboard through the proxy; unsigned when {@code signature} is null. */
    private static HttpResponse<String> hook(String instance, String pathAndQuery, Map<String, String> form, String signature) {
        HttpRequest request = TwilioRequests.webhook(switchboard.uri("/hooks/" + instance + pathAndQuery), form, signature, SOON);
        try {
            return switchboard.http().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("POST " + pathAndQuery + " to instance " + instance + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String now() {
        return RFC_2822.format(ZonedDateTime.now(ZoneOffset.UTC));
    }
}
