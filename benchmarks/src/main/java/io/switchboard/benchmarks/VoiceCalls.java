package io.switchboard.benchmarks;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Calls to a {@code voice-twilio} instance as Twilio drives them ({@code docs/channels/voice-twilio.md}): the
 * incoming call to {@code /voice}, then the digits the caller presses posted to the {@code <Gather>} action
 * URL of the previous answer, each a form body signed with {@code X-Twilio-Signature} over the public URL
 * (query included) and the sorted parameters. Also checks that an answer is the TwiML the IVR below calls for.
 *
 * <p>Every call goes through both menu levels: the main menu (1 billing, 2 technical support), then a
 * choice in that sub-menu that puts the caller in a queue, plays a message and hangs up, starts a
 * voicemail, or is not an option (the sub-menu is played again), in turn.
 */
final class VoiceCalls {
    static final String ACCOUNT_SID = "AC0123456789abcdef0123456789abcdef";
    static final String AUTH_TOKEN = "0123456789abcdef0123456789abcdef";
    static final String NUMBER = "+14155550100";
    static final String PUBLIC_BASE_URL = "https://help.example.com";
    static final String INSTANCE = "voice";
    private static final String HOOK_BASE = PUBLIC_BASE_URL + "/hooks/" + INSTANCE;
    private static final String ALGORITHM = "HmacSHA1";
    /** Callers' numbers are counted up from here: +13000000001, ... one per call. */
    private static final long FIRST_NUMBER = 13_000_000_000L;

    /** A greeting and two menu levels, in the form an admin enters it (see the channel's guide). */
    static final String IVR = """
            {
              "voice": "Polly.Joanna",
              "language": "en-US",
              "greeting": "Thank you for calling Example support. Calls may be recorded for quality and training.",
              "nodes": {
                "main": {
                  "prompt": "For billing, press 1 or say billing. For technical support, press 2 or say technical support. To leave a message, press 9. For our address, press 0.",
                  "options": [
                    {"digit": "1", "keywords": ["billing", "invoice"], "menu": "billing"},
                    {"digit": "2", "keywords": ["technical support"], "menu": "technical"},
                    {"digit": "9", "voicemail": true},
                    {"digit": "0", "message": "Our address is 1 Example Street, Springfield."}
                  ],
                  "default": {"queue": "general"}
                },
                "billing": {
                  "prompt": "For questions about an invoice, press 1. For our bank details, press 2. To leave a message for billing, press 9. For the main menu, press star.",
                  "invalid": "That is not a billing choice.",
                  "repeats": 1,
                  "timeout": 7,
                  "options": [
                    {"digit": "1", "queue": "billing"},
                    {"digit": "2", "message": "Our bank details are on every invoice, under the total."},
                    {"digit": "9", "voicemail": {"say": "Please leave your message for billing after the tone."}},
                    {"digit": "*", "menu": "main"}
                  ],
                  "default": {"voicemail": true}
                },
                "technical": {
                  "prompt": "If a service is down, press 1. For our status page, press 2. To leave a message for the technical team, press 9. For the main menu, press star.",
                  "options": [
                    {"digit": "1", "queue": "technical"},
                    {"digit": "2", "message": "Our status page is at status dot example dot com."},
                    {"digit": "9", "voicemail": true},
                    {"digit": "*", "menu": "main"}
                  ],
                  "default": {"queue": "technical"}
                }
              }
            }
            """;

    /** The second-level choices, taken in turn; "5" is not an option, so the sub-menu is played again. */
    private static final String[] SECOND_DIGITS = {"1", "2", "9", "5"};

    /** The TwiML an answer must be: a verb it contains, and for a menu the node of its action URL. */
    enum Expect {
        MENU, QUEUE, MESSAGE, VOICEMAIL
    }

    /** One request: where it goes, what is signed, and the answer it must get. */
    record Request(URI uri, byte[] body, String signature, Expect expect, String node) {
    }

    private final URI loopbackHookBase;
    private final Mac mac;
    private final DocumentBuilder xml;

    /** @param loopbackHookBase where the instance's hooks are reached, {@code http://127.0.0.1:port/hooks/voice} */
    VoiceCalls(URI loopbackHookBase) {
        this.loopbackHookBase = loopbackHookBase;
        this.mac = mac();
        this.xml = documentBuilder();
    }

    /** The instance's configuration: the Twilio API at a closed port, as for SMS (its health check fails, its hooks serve). */
    static Map<String, Object> configuration(String unreachableApi) {
        return Map.of("accountSid", ACCOUNT_SID, "authToken", AUTH_TOKEN, "phoneNumber", NUMBER,
                "publicBaseUrl", PUBLIC_BASE_URL, "apiBaseUrl", unreachableApi, "ivr", IVR);
    }

    /** Twilio's call SID, CA and 32 hex digits, unique per call of the run. */
    static String callSid(String callId) {
        UUID uuid = UUID.nameUUIDFromBytes(callId.getBytes(StandardCharsets.UTF_8));
        return "CA" + HexFormat.of().toHexDigits(uuid.getMostSignificantBits())
                + HexFormat.of().toHexDigits(uuid.getLeastSignificantBits());
    }

    static String callerNumber(long caller) {
        return "+" + (FIRST_NUMBER + caller);
    }

    /** The main menu's choice of call {@code call}: billing or technical support. */
    static String firstDigit(long call) {
        return call % 2 == 0 ? "1" : "2";
    }

    static String secondDigit(long call) {
        return SECOND_DIGITS[(int) ((call / 2) % SECOND_DIGITS.length)];
    }

    /** Whether the second choice is an option, so that the instance reports it on the call. */
    static boolean secondDigitIsAChoice(long call) {
        return !secondDigit(call).equals("5");
    }

    Request incoming(String callSid, String from) {
        return request(HOOK_BASE + "/voice", form(callSid, from, "ringing", null), Expect.MENU, "main");
    }

    Request firstChoice(String actionUrl, String callSid, String from, long call) {
        String digit = firstDigit(call);
        return request(actionUrl, form(callSid, from, "in-progress", digit), Expect.MENU,
                digit.equals("1") ? "billing" : "technical");
    }

    Request secondChoice(String actionUrl, String callSid, String from, long call) {
        String digit = secondDigit(call);
        String node = firstDigit(call).equals("1") ? "billing" : "technical";
        Expect expect = switch (digit) {
            case "1" -> Expect.QUEUE;
            case "2" -> Expect.MESSAGE;
            case "9" -> Expect.VOICEMAIL;
            default -> Expect.MENU;
        };
        return request(actionUrl, form(callSid, from, "in-progress", digit), expect, node);
    }

    /**
     * Checks an answer's TwiML against what the request expects.
     *
     * @return the {@code <Gather>} action URL of a menu, or "" for the other answers
     * @throws IllegalArgumentException with a short reason if the answer is not that TwiML
     */
    String check(Request request, String contentType, String body) {
        if (contentType == null || !contentType.startsWith("application/xml") && !contentType.startsWith("text/xml")) {
            throw new IllegalArgumentException("not TwiML: Content-Type " + contentType);
        }
        Document document;
        try {
            document = xml.parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
        } catch (SAXException | IOException e) {
            throw new IllegalArgumentException("not TwiML: malformed XML");
        } finally {
            xml.reset();
        }
        Element root = document.getDocumentElement();
        if (!root.getTagName().equals("Response")) {
            throw new IllegalArgumentException("not TwiML: root <" + root.getTagName() + ">");
        }
        switch (request.expect()) {
            case MENU -> {
                NodeList gathers = root.getElementsByTagName("Gather");
                if (gathers.getLength() != 1) {
                    throw new IllegalArgumentException("unexpected TwiML: no <Gather> where a menu was due");
                }
                String action = ((Element) gathers.item(0)).getAttribute("action");
                if (!action.startsWith(HOOK_BASE + "/voice/menu?node=" + request.node() + "&")) {
                    throw new IllegalArgumentException("unexpected TwiML: a menu other than " + request.node());
                }
                return action;
            }
            case QUEUE -> require(root, "Enqueue");
            case MESSAGE -> require(root, "Hangup");
            case VOICEMAIL -> require(root, "Record");
            default -> throw new IllegalStateException();
        }
        return "";
    }

    private static void require(Element root, String verb) {
        if (root.getElementsByTagName(verb).getLength() == 0) {
            throw new IllegalArgumentException("unexpected TwiML: no <" + verb + ">");
        }
    }

    /** The parameters Twilio posts with a call's webhooks, sorted by name as the signature needs them. */
    private static Map<String, String> form(String callSid, String from, String status, String digits) {
        Map<String, String> form = new TreeMap<>();
        form.put("AccountSid", ACCOUNT_SID);
        form.put("ApiVersion", "2010-04-01");
        form.put("CallSid", callSid);
        form.put("CallStatus", status);
        form.put("Called", NUMBER);
        form.put("CalledCountry", "US");
        form.put("Caller", from);
        form.put("CallerCountry", "US");
        form.put("Direction", "inbound");
        form.put("From", from);
        form.put("FromCountry", "US");
        form.put("To", NUMBER);
        form.put("ToCountry", "US");
        if (digits != null) {
            form.put("Digits", digits);
        }
        return form;
    }

    /** Signs the public URL, and sends to the same path and query on the loopback address. */
    private Request request(String publicUrl, Map<String, String> form, Expect expect, String node) {
        if (!publicUrl.startsWith(HOOK_BASE + "/")) {
            throw new IllegalArgumentException("not a URL of the instance: " + publicUrl);
        }
        StringBuilder signed = new StringBuilder(publicUrl);
        StringBuilder body = new StringBuilder();
        form.forEach((name, value) -> {
            signed.append(name).append(value);
            if (body.length() > 0) {
                body.append('&');
            }
            body.append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        });
        String signature = Base64.getEncoder().encodeToString(mac.doFinal(signed.toString().getBytes(StandardCharsets.UTF_8)));
        URI uri = URI.create(loopbackHookBase + publicUrl.substring(HOOK_BASE.length()));
        return new Request(uri, body.toString().getBytes(StandardCharsets.UTF_8), signature, expect, node);
    }

    private static Mac mac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(AUTH_TOKEN.getBytes(StandardCharsets.UTF_8), ALGORITHM));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is part of every Java runtime", e);
        }
    }

    private static DocumentBuilder documentBuilder() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("The JDK's XML parser is missing", e);
        }
    }
}
