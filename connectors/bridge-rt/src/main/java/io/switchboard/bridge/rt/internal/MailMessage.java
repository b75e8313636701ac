package io.switchboard.bridge.rt.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A MIME message for RT's mail gateway. It is kept to ASCII (quoted-printable text, base64 files,
 * RFC 2047 headers) so that nothing depends on how RT decodes the form field it arrives in.
 */
final class MailMessage {
    private final String from;
    private final String subject;
    private final String messageId;
    private final Instant date;
    private final String text;
    private final List<Part> files = new ArrayList<>();

    private record Part(String fileName, String contentType, byte[] content) {
    }

    /**
     * @param fromName the sender's name, may be null
     * @param fromAddress the sender's e-mail address: RT takes the author from it
     * @param messageId the Message-ID without angle brackets
     */
    MailMessage(String fromName, String fromAddress, String subject, String messageId, Instant date, String text) {
        this.from = address(fromName, fromAddress);
        this.subject = subject == null ? "" : subject;
        this.messageId = messageId;
        this.date = date == null ? Instant.EPOCH : date;
        this.text = text == null ? "" : text;
    }

    MailMessage attach(String fileName, String contentType, byte[] content) {
        files.add(new Part(fileName, contentType == null || contentType.isBlank() ? "application/octet-stream" : contentType,
                content));
        return this;
    }

    String render() {
        StringBuilder out = new StringBuilder();
        header(out, "From", from);
        if (!subject.isBlank()) {
            header(out, "Subject", encodeWord(subject));
        }
        header(out, "Message-ID", "<" + messageId + ">");
        header(out, "Date", DateTimeFormatter.RFC_1123_DATE_TIME.format(date.atOffset(ZoneOffset.UTC)));
        header(out, "MIME-Version", "1.0");
        if (files.isEmpty()) {
            textPart(out);
            return out.toString();
        }
        String boundary = "=_sb_" + messageId.replaceAll("[^A-Za-z0-9]", "_");
        header(out, "Content-Type", "multipart/mixed; boundary=\"" + boundary + "\"");
        out.append("\r\n");
        out.append("--").append(boundary).append("\r\n");
        textPart(out);
        for (Part file : files) {
            out.append("\r\n--").append(boundary).append("\r\n");
            header(out, "Content-Type", file.contentType() + "; name=\"" + encodeWord(quotable(file.fileName())) + "\"");
            header(out, "Content-Disposition", "attachment; filename=\"" + encodeWord(quotable(file.fileName())) + "\"");
            header(out, "Content-Transfer-Encoding", "base64");
            out.append("\r\n");
            out.append(Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(file.content()));
            out.append("\r\n");
        }
        out.append("\r\n--").append(boundary).append("--\r\n");
        return out.toString();
    }

    private void textPart(StringBuilder out) {
        header(out, "Content-Type", "text/plain; charset=utf-8");
        header(out, "Content-Transfer-Encoding", "quoted-printable");
        out.append("\r\n").append(quotedPrintable(text)).append("\r\n");
    }

    private static void header(StringBuilder out, String name, String value) {
        out.append(name).append(": ").append(value.replaceAll("[\r\n]+", " ")).append("\r\n");
    }

    /** {@code "Name" <address>}, the name quoted or RFC 2047-encoded as needed. */
    static String address(String name, String address) {
        if (name == null || name.isBlank() || name.equalsIgnoreCase(address)) {
            return address;
        }
        String clean = name.replaceAll("[\r\n\"\\\\<>]+", " ").strip();
        if (!isAscii(clean)) {
            return encodeWord(clean) + " <" + address + ">";
        }
        return "\"" + clean + "\" <" + address + ">";
    }

    /** RFC 2047 B-encoding for text that is not plain ASCII; ASCII is returned as it is. */
    static String encodeWord(String text) {
        if (isAscii(text)) {
            return text;
        }
        return "=?UTF-8?B?" + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)) + "?=";
    }

    private static String quotable(String fileName) {
        String name = fileName == null || fileName.isBlank() ? "attachment" : fileName;
        return name.replaceAll("[\r\n\"\\\\]+", "_");
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c > 126 || (c < 32 && c != '\t')) {
                return false;
            }
        }
        return true;
    }

    /** RFC 2045 quoted-printable of the UTF-8 text, with CRLF line ends and soft breaks at 76 characters. */
    static String quotedPrintable(String text) {
        StringBuilder out = new StringBuilder();
        String[] lines = text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
        for (int l = 0; l < lines.length; l++) {
            if (l > 0) {
                out.append("\r\n");
            }
            byte[] bytes = lines[l].getBytes(StandardCharsets.UTF_8);
            int column = 0;
            for (int i = 0; i < bytes.length; i++) {
                int b = bytes[i] & 0xff;
                boolean last = i == bytes.length - 1;
                String piece = (b >= 33 && b <= 126 && b != '=') || ((b == ' ' || b == '\t') && !last)
                        ? String.valueOf((char) b) : String.format("=%02X", b);
                if (column + piece.length() > 75) {
                    out.append("=\r\n");
                    column = 0;
                }
                out.append(piece);
                column += piece.length();
            }
        }
        return out.toString();
    }
}
