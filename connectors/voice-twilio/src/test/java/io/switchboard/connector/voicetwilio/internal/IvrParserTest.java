package io.switchboard.connector.voicetwilio.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.twilio.twiml.voice.Gather;
import com.twilio.twiml.voice.Say;
import io.switchboard.connector.voicetwilio.internal.Ivr.Node;
import io.switchboard.connector.voicetwilio.internal.Ivr.PlayMessage;
import io.switchboard.connector.voicetwilio.internal.Ivr.ToMenu;
import io.switchboard.connector.voicetwilio.internal.Ivr.ToQueue;
import io.switchboard.connector.voicetwilio.internal.Ivr.ToVoicemail;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.Arguments;

/** The IVR field: what it accepts, and that every refusal names the field, the node and what is wrong. */
class IvrParserTest {

    @Test
    void theExampleIvrIsReadWithItsDefaults() {
        Ivr ivr = IvrParser.parse(Fixtures.IVR);

        assertEquals("main", ivr.start());
        assertEquals(new Ivr.Prompt("Welcome to Example support.", null, Say.Voice.POLLY_JOANNA, Say.Language.EN_US),
                ivr.greeting());
        Node main = ivr.startNode();
        assertEquals(2, main.repeats());
        assertEquals(5, main.timeout());
        assertEquals(Gather.Language.EN_US, main.speechLanguage());
        assertEquals(new ToMenu("billing"), main.options().get(0).action());
        assertEquals(List.of("billing", "invoice"), main.options().get(0).keywords());
        assertEquals(new ToQueue("technical"), main.options().get(1).action());
        assertEquals(new ToVoicemail(null), main.options().get(2).action());
        assertEquals(new PlayMessage(new Ivr.Prompt(null, URI.create("https://cdn.example.com/address.mp3"), null, null)),
                main.options().get(3).action());
        assertEquals(new ToQueue("general"), main.fallback());
        assertEquals(IvrParser.INVALID_TEXT, main.invalid().say());

        Node billing = ivr.nodes().get("billing");
        assertNull(billing.speechLanguage(), "digits only");
        assertEquals(1, billing.repeats());
        assertEquals(7, billing.timeout());
        assertEquals(Say.Voice.ALICE, billing.prompt().voice());
        assertEquals(Say.Language.EN_US, billing.prompt().language(), "inherited from the IVR");
        assertEquals("That is not a billing choice.", billing.invalid().say());
        assertEquals(new ToMenu("main"), billing.byDigits("*").option().action(), "a way back up is allowed");
        assertEquals(IvrParser.CLOSED_TEXT, ivr.closed().say());
        assertTrue(ivr.usesQueues());
    }

    @Test
    void speechMatchesWholeKeywordsWhateverTheCaseAndPunctuation() {
        Node main = IvrParser.parse(Fixtures.IVR).startNode();

        assertEquals("invoice", main.bySpeech("It's about an INVOICE.").label());
        assertEquals("technical support", main.bySpeech("technical  support!").label());
        assertNull(main.bySpeech("invoices"));
        assertNull(main.bySpeech("technical"));
    }

    @Test
    void aMenuInAnotherLanguageRecognisesSpeechInIt() {
        Ivr ivr = IvrParser.parse("""
                {"greeting": {"play": "https://cdn.example.com/hello.mp3"}, "start": "de",
                 "nodes": {"de": {"language": "de-DE", "prompt": {"say": "Für Rechnungen sagen Sie Rechnung.", "voice": "Polly.Marlene"},
                   "options": [{"keywords": "Rechnung", "queue": "billing"}], "default": {"message": "Auf Wiederhören."}}}}
                """);

        Node node = ivr.startNode();
        assertEquals(Gather.Language.DE_DE, node.speechLanguage());
        assertEquals(Say.Language.DE_DE, node.prompt().language());
        assertEquals(Say.Voice.POLLY_MARLENE, node.prompt().voice());
        assertEquals("rechnung", node.bySpeech("Rechnung bitte").label());
        assertTrue(ivr.greeting().play() != null);
    }

    static List<Arguments> badIvrs() {
        String ok = "\"prompt\": \"p\", \"options\": [{\"digit\": \"1\", \"queue\": \"q\"}], \"default\": {\"voicemail\": true}";
        return List.of(
                Arguments.of("", "ivr: required: the greeting and the menus as JSON"),
                Arguments.of("{\"greeting\": \"hi\", ", "ivr: not valid JSON: Unexpected end-of-input"),
                Arguments.of("[]", "ivr: must be a JSON object with a greeting and nodes"),
                Arguments.of("{\"greeting\": \"hi\", \"greeting\": \"ho\", \"nodes\": {}}", "ivr: not valid JSON: Duplicate field 'greeting'"),
                Arguments.of("{\"greting\": \"hi\"}", "ivr: unknown key \"greting\""),
                Arguments.of("{\"nodes\": {\"main\": {" + ok + "}}}", "ivr: greeting is required"),
                Arguments.of("{\"greeting\": \"hi\"}", "ivr: nodes is required"),
                Arguments.of("{\"greeting\": \"hi\", \"nodes\": {}}", "ivr: nodes must be an object with at least one menu"),
                Arguments.of("{\"greeting\": {\"say\": \"hi\", \"play\": \"https://x.example/a.mp3\"}, \"nodes\": {\"main\": {" + ok + "}}}",
                        "ivr: greeting has both say and play: give one"),
                Arguments.of("{\"greeting\": {\"play\": \"ftp://x.example/a.mp3\"}, \"nodes\": {\"main\": {" + ok + "}}}",
                        "ivr: greeting: play must be an absolute http or https URL of an audio file"),
                Arguments.of("{\"voice\": \"Polly.Nobody\", \"greeting\": \"hi\", \"nodes\": {\"main\": {" + ok + "}}}",
                        "ivr: voice \"Polly.Nobody\" is not a Twilio voice"),
                Arguments.of("{\"greeting\": \"hi\", \"start\": \"welcome\", \"nodes\": {\"main\": {" + ok + "}}}",
                        "ivr: start node \"welcome\" is not among the nodes"),
                Arguments.of("{\"greeting\": \"hi\", \"nodes\": {\"menu\": {" + ok + "}}}",
                        "ivr: start node \"main\" is not among the nodes (without \"start\", the IVR begins at \"main\")"),
                Arguments.of("{\"greeting\": \"hi\", \"nodes\": {\"main menu\": {" + ok + "}}}",
                        "ivr: node \"main menu\": a node id is 1 to 64 letters, digits, - or _"),
                Arguments.of(ivr("\"billing\": {\"options\": [{\"digit\": \"1\", \"queue\": \"q\"}], \"default\": {\"voicemail\": true}}"),
                        "ivr: node \"billing\": prompt is required"),
                Arguments.of(ivr("\"billing\": {\"prompt\": \"p\", \"default\": {\"voicemail\": true}}"),
                        "ivr: node \"billing\": options is required"),
                Arguments.of(ivr("\"billing\": {\"prompt\": \"p\", \"options\": [], \"default\": {\"voicemail\": true}}"),
                        "ivr: node \"billing\": options must be a list of at least one choice"),
                Arguments.of(ivr("\"billing\": {\"prompt\": \"p\", \"options\": [{\"digit\": \"1\", \"queue\": \"q\"}]}"),
                        "ivr: node \"billing\": default is required"),
                Arguments.of(ivr("\"billing\": {\"prompt\": \"p\", \"options\": [{\"digit\": \"1\", \"queue\": \"q\"}, "
                        + "{\"digit\": \"2\", \"queue\": \"q\"}, {\"digit\": \"3\", \"menu\": \"refunds\"}], \"default\": {\"voicemail\": true}}"),
                        "ivr: node \"billing\": option \"3\" leads to unknown node \"refunds\""),
                Arguments.of(ivr("\"billing\": {\"prompt\": \"p\", \"options\": [{\"digit\": \"1\", \"queue\": \"q\"}], \"default\": {\"menu\": \"refunds\"}}"),
                        "ivr: node \"billing\": default leads to unknown node \"refunds\""),
                Arguments.of(ivr("\"billing\": {\"prompt\": \"p\", \"options\": [{\"digit\": \"1\"}], \"default\": {\"voicemail\": true}}"),
                        "ivr: node \"billing\": option \"1\" leads nowhere: give one of queue, menu, voicemail or message"),
                Arguments.of(ivr("\"billing\": {\"prompt\": \"p\", \"options\": [{\"digit\": \"1\", \"queue\": \"q\", \"menu\": \"main\"}], \"default\": {\"voicemail\": true}}"),
                        "ivr: node \"billing\": option \"1\" has both queue and menu: give exactly one"),
                Arguments.of(ivr("\"billing\": {\"prompt\": \"p\", \"options\": [{\"queue\": \"q\"}], \"default\": {\"voicemail\": true}}"),
                        "ivr: node \"billing\": option 1 needs a digit or keywords"),
                Arguments.of(ivr("\"billing\": {\"prompt\": \"p\", \"options\": [{\"digit\": \"#\", \"queue\": \"q\"}], \"default\": {\"voicemail\": true}}"),
                        "ivr: node \"billing\": option \"#\": digit must be one key, 0-9 or *"),
                Arguments.of(ivr("\"billing\": {\"prompt\": \"p\", \"options\": [{\"digit\": 1, \"queue\": \"q\"}, {\"digit\": \"1\", \"queue\": \"r\"}], \"default\": {\"voicemail\": true}}"),
                        "ivr: node \"billing\": digit \"1\" is used by two options"),
                Arguments.of(ivr("\"billing\": {\"prompt\": \"p\", \"options\": [{\"digit\": 1, \"keywords\": [\"Refund\"], \"queue\": \"q\"}, {\"digit\": 2, \"keywords\": \"refund\", \"queue\": \"r\"}], \"default\": {\"voicemail\": true}}"),
                        "ivr: node \"billing\": option \"2\": keyword \"refund\" is also a keyword of option \"1\""),
                Arguments.of(ivr("\"billing\": {\"prompt\": \"p\", \"options\": [{\"digit\": 1, \"queue\": \"billing queue\"}], \"default\": {\"voicemail\": true}}"),
                        "ivr: node \"billing\": option \"1\": queue must be a name of 1 to 64 letters, digits, - or _"),
                Arguments.of(ivr("\"billing\": {\"prompt\": \"p\", \"options\": [{\"digit\": 1, \"queue\": \"q\", \"wait\": 3}], \"default\": {\"voicemail\": true}}"),
                        "ivr: node \"billing\": option \"1\": unknown key \"wait\""),
                Arguments.of(ivr("\"billing\": {\"prompt\": \"p\", \"repeats\": 9, \"options\": [{\"digit\": 1, \"queue\": \"q\"}], \"default\": {\"voicemail\": true}}"),
                        "ivr: node \"billing\": repeats must be a whole number from 0 to 5"),
                Arguments.of(ivr("\"billing\": {\"prompt\": \"p\", \"options\": [{\"digit\": 1, \"message\": {\"say\": \"\"}}], \"default\": {\"voicemail\": true}}"),
                        "ivr: node \"billing\": option \"1\": message: say must be a text to speak"),
                Arguments.of(ivr("\"billing\": {\"prompt\": \"p\", \"options\": [{\"digit\": 1, \"queue\": \"q\"}], \"default\": {\"voicemail\": false}}"),
                        "ivr: node \"billing\": default: voicemail must be true or a prompt"),
                Arguments.of(ivr("\"billing\": {\"prompt\": \"p\", \"language\": \"xx-XX\", \"options\": [{\"digit\": 1, \"queue\": \"q\"}], \"default\": {\"voicemail\": true}}"),
                        "ivr: node \"billing\": language \"xx-XX\" is not a language Twilio speaks"),
                Arguments.of(ivr("\"billing\": {\"prompt\": \"p\", \"language\": \"en-IN\", \"options\": [{\"keywords\": \"refund\", \"queue\": \"q\"}], \"default\": {\"voicemail\": true}}"),
                        null),
                Arguments.of(ivr("\"billing\": {\"prompt\": \"p\", \"options\": [{\"digit\": 1, \"queue\": \"q\"}], \"default\": {\"menu\": \"billing\"}}"),
                        "ivr: node \"billing\": the defaults go round in a circle (billing > billing)"),
                Arguments.of("{\"greeting\": \"hi\", \"nodes\": {"
                        + "\"main\": {\"prompt\": \"p\", \"options\": [{\"digit\": 1, \"menu\": \"a\"}], \"default\": {\"menu\": \"a\"}},"
                        + "\"a\": {\"prompt\": \"p\", \"options\": [{\"digit\": 1, \"menu\": \"main\"}], \"default\": {\"menu\": \"b\"}},"
                        + "\"b\": {\"prompt\": \"p\", \"options\": [{\"digit\": 1, \"queue\": \"q\"}], \"default\": {\"menu\": \"a\"}}}}",
                        "ivr: node \"a\": the defaults go round in a circle (a > b > a)"));
    }

    /** An IVR whose main menu is fine, with one more node. */
    private static String ivr(String node) {
        return "{\"greeting\": \"hi\", \"nodes\": {\"main\": {\"prompt\": \"p\", \"options\": [{\"digit\": \"1\", \"menu\": \"billing\"}],"
                + " \"default\": {\"voicemail\": true}}, " + node + "}}";
    }

    @ParameterizedTest
    @MethodSource("badIvrs")
    void aBadIvrIsRefusedWithTheNodeAtFault(String json, String expected) {
        if (expected == null) {
            // Control: the same shape with a language speech recognition knows is accepted.
            IvrParser.parse(json);
            return;
        }
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> IvrParser.parse(json));

        assertTrue(refused.getMessage().startsWith(expected), "expected: " + expected + "\n   but was: " + refused.getMessage());
    }

    @Test
    void speechInALanguageRecognitionDoesNotKnowIsRefused() {
        // Twilio speaks Welsh but does not recognise it in a gather.
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> IvrParser.parse(
                ivr("\"billing\": {\"prompt\": \"p\", \"language\": \"cy-GB\", \"options\": [{\"keywords\": \"bil\", "
                        + "\"queue\": \"q\"}], \"default\": {\"voicemail\": true}}")));

        assertEquals("ivr: node \"billing\": speech recognition does not support the language \"cy-GB\"; remove the "
                + "keywords or choose another language", refused.getMessage());
    }

    @Test
    void theIvrFieldIsCheckedWhenTheInstanceIsCreated() {
        Map<String, Object> configuration = Fixtures.configuration(null);
        configuration.put("ivr", ivr("\"billing\": {\"prompt\": \"p\", \"options\": [{\"digit\": \"3\", \"menu\": \"refunds\"}], "
                + "\"default\": {\"voicemail\": true}}"));
        var context = new io.switchboard.testkit.RecordingChannelContext("support", configuration);

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> new VoiceTwilioChannelType().create(context));

        assertEquals("ivr: node \"billing\": option \"3\" leads to unknown node \"refunds\"", refused.getMessage());
        assertInstanceOf(IllegalArgumentException.class, refused);
    }
}
