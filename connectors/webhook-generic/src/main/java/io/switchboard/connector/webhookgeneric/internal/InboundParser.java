package io.switchboard.connector.webhookgeneric.internal;

import io.switchboard.api.channel.Contact;
import io.switchboard.api.channel.DeliveryUpdate;
import io.switchboard.api.channel.InboundMessage;
import io.switchboard.api.model.Address;
import io.switchboard.api.model.Attachment;
import io.switchboard.api.model.DeliveryStatus;
import io.switchboard.api.model.IdentityKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Turns the bodies of signed requests into events; the protocol is in docs/channels/webhook-generic.md. */
final class InboundParser {

    private static final Map<String, DeliveryStatus> STATUSES = Map.of(
            "delivered", DeliveryStatus.DELIVERED,
            "read", DeliveryStatus.READ,
            "failed", DeliveryStatus.FAILED);

    /** Loose on purpose: the core normalises addresses; this only keeps non-addresses out of identities. */
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");
    private static final Pattern INTERNATIONAL_PHONE = Pattern.compile("\\+[0-9 ().-]+");
    private static final int MIN_PHONE_DIGITS = 7;
    private static final int MAX_PHONE_DIGITS = 15;

    private final String instanceId;

    /** @param instanceId the namespace of the senders' addresses: ids are only unique within one system */
    InboundParser(String instanceId) {
        this.instanceId = instanceId;
    }

    InboundMessage message(byte[] body) throws MalformedPayloadException {
        PayloadFields fields = PayloadFields.parse(body);
        String eventId = fields.requiredText("eventId");
        Contact from = contact(fields.requiredObject("sender"));
        String text = fields.optionalText("text");
        List<Attachment> attachments = attachments(fields);
        if (text == null && attachments.isEmpty()) {
            throw new MalformedPayloadException("text or attachments is required");
        }
        return new InboundMessage(eventId, fields.optionalInstant("timestamp"), from,
                fields.optionalText("threadId"), text, attachments);
    }

    DeliveryUpdate status(byte[] body) throws MalformedPayloadException {
        PayloadFields fields = PayloadFields.parse(body);
        String eventId = fields.requiredText("eventId");
        String messageId = fields.requiredText("messageId");
        DeliveryStatus status = STATUSES.get(fields.requiredText("status"));
        if (status == null) {
            throw fields.malformed("status", "must be one of delivered, read, failed");
        }
        String reason = status == DeliveryStatus.FAILED ? fields.optionalText("reason") : null;
        return new DeliveryUpdate(eventId, fields.optionalInstant("timestamp"), null, messageId, status, reason);
    }

    private Contact contact(PayloadFields sender) throws MalformedPayloadException {
        Address replyAddress = Address.scoped(IdentityKind.EXTERNAL, instanceId, sender.requiredText("id"));
        List<Address> otherAddresses = new ArrayList<>();
        String email = sender.optionalText("email");
        if (email != null) {
            if (!EMAIL.matcher(email.strip()).matches()) {
                throw sender.malformed("email", "is not an e-mail address");
            }
            otherAddresses.add(Address.email(email.strip()));
        }
        String phone = sender.optionalText("phone");
        if (phone != null) {
            if (!isInternationalPhone(phone.strip())) {
                throw sender.malformed("phone", "must be in international format, e.g. +14155550100");
            }
            otherAddresses.add(Address.phone(phone.strip()));
        }
        return new Contact(replyAddress, otherAddresses, sender.optionalText("name"));
    }

    private static boolean isInternationalPhone(String phone) {
        long digits = phone.chars().filter(Character::isDigit).count();
        return INTERNATIONAL_PHONE.matcher(phone).matches()
                && digits >= MIN_PHONE_DIGITS && digits <= MAX_PHONE_DIGITS;
    }

    private static List<Attachment> attachments(PayloadFields fields) throws MalformedPayloadException {
        List<Attachment> attachments = new ArrayList<>();
        for (PayloadFields attachment : fields.optionalObjects("attachments")) {
            String url = attachment.requiredText("url");
            // Agents open these links, so anything but http(s) (javascript:, file:) stays out.
            if (!HttpUrls.isAbsoluteHttp(url)) {
                throw attachment.malformed("url", "must be an absolute http or https URL");
            }
            attachments.add(new Attachment(url, attachment.optionalText("contentType"),
                    attachment.optionalText("fileName"), -1));
        }
        return attachments;
    }
}
