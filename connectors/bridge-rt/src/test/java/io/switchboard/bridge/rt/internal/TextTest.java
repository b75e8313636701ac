package io.switchboard.bridge.rt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The MIME the mail gateway gets and the text that comes back out of RT's HTML. */
class TextTest {

    @Test
    void quotedPrintableKeepsAsciiReadableAndEncodesTheRest() {
        assertEquals("Gr=C3=BC=C3=9Fe =3D hi", MailMessage.quotedPrintable("Grüße = hi"));
        assertEquals("line one\r\ntrailing=20\r\n", MailMessage.quotedPrintable("line one\ntrailing \n"));
        String longLine = "x".repeat(100);
        String encoded = MailMessage.quotedPrintable(longLine);
        assertTrue(encoded.lines().allMatch(line -> line.length() <= 76), encoded);
        assertEquals(longLine, encoded.replace("=\r\n", ""));
    }

    @Test
    void headersStayAscii() {
        String mail = new MailMessage("Carol Müller", "carol@example.org", "Grüße", "sb-x-entry-1@switchboard.invalid",
                Instant.parse("2026-11-28T09:20:00Z"), "hi").render();
        assertTrue(mail.startsWith("From: =?UTF-8?B?Q2Fyb2wgTcO8bGxlcg==?= <carol@example.org>\r\n"), mail);
        assertTrue(mail.contains("Subject: =?UTF-8?B?R3LDvMOfZQ==?=\r\n"), mail);
        assertTrue(mail.contains("Date: Sat, 28 Nov 2026 09:20:00 GMT\r\n"), mail);
        assertTrue(mail.chars().allMatch(c -> c < 128));
    }

    @Test
    void htmlBecomesText() {
        assertEquals("Hello Ada,\nYour printer & scanner are fixed.\n- one\n- two\nBye",
                HtmlText.toText("<html><head><style>p{}</style></head><body><p>Hello Ada,</p>"
                        + "<div>Your printer &amp; scanner are <b>fixed</b>.</div><ul><li>one</li><li>two</li></ul>Bye<br></body></html>"));
        assertEquals("a\u00a0b? no: a b", HtmlText.toText("a&#160;b? no: a&nbsp;b").replace("\u00a0", "\u00a0"));
    }
}
