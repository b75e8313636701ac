package io.switchboard.bridge.rt.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.api.bridge.ApplyResult;
import io.switchboard.api.bridge.BridgeContext;
import io.switchboard.api.bridge.BridgeInstance;
import io.switchboard.api.bridge.EntityKind;
import io.switchboard.api.bridge.ExternalRef;
import io.switchboard.api.bridge.ModelChange;
import io.switchboard.api.bridge.Versioned;
import io.switchboard.api.channel.Health;
import io.switchboard.api.model.Attachment;
import io.switchboard.api.model.Customer;
import io.switchboard.api.model.DeliveryStatus;
import io.switchboard.api.model.Direction;
import io.switchboard.api.model.EntryType;
import io.switchboard.api.model.Identity;
import io.switchboard.api.model.IdentityKind;
import io.switchboard.api.model.Ticket;
import io.switchboard.api.model.TicketStatus;
import io.switchboard.api.model.TimelineEntry;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Request Tracker. Into RT: {@link #apply} mirrors tickets (with the marker custom field) and
 * timeline entries (through the mail gateway, each with a {@code Message-ID} marker). Out of RT:
 * {@link #poll} follows RT's transactions from a saved cursor and hands staff replies, comments and
 * status changes to the core. All of it runs on the core's one thread for this instance.
 */
final class RtBridge implements BridgeInstance {
    static final String CURSOR_KEY = "rt.transactionCursor";
    static final String RT_SYSTEM = "RT_System";
    static final String TXN_PREFIX = "rt-txn-";
    private static final String TICKET_CF_LOOKUP = "RT::Queue-RT::Ticket";
    private static final int PAGE = 100;
    /** Waiting on an admin (credentials, rights) is slower than waiting on a restarting server. */
    private static final Duration ADMIN_RETRY = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(RtBridge.class);

    private final BridgeContext context;
    private final RtSettings settings;
    private final RtClient rt;
    private final Map<String, RtUser> users = new HashMap<>();
    private boolean ready;
    private String bridgeAddress;
    private Health reported;
    /** The health of the change the core is retrying, until it goes through. */
    private Health waiting;
    private ScheduledFuture<?> polling;

    /** What the bridge needs to know of an RT user; {@code privileged} is null when RT would not say. */
    record RtUser(String name, boolean exists, Boolean privileged, String realName, String emailAddress) {
        String displayName() {
            return realName != null && !realName.isBlank() ? realName : name;
        }
    }

    RtBridge(BridgeContext context, RtSettings settings, RtClient rt) {
        this.context = context;
        this.settings = settings;
        this.rt = rt;
    }

    /** Starts following RT: the first run also checks the credentials and prepares RT. */
    void start() {
        polling = context.scheduler().scheduleWithFixedDelay(this::poll, 0, settings.pollSeconds(), TimeUnit.SECONDS);
    }

    @Override
    public void dispose() {
        if (polling != null) {
            polling.cancel(false);
        }
    }

    // --- into RT --------------------------------------------------------------------------------------

    @Override
    public ApplyResult apply(ModelChange change) {
        try {
            ensureReady();
            ApplyResult result = switch (change.kind()) {
                case TICKET -> applyTicket(change.entityId());
                case ENTRY -> applyEntry(change.entityId(), change.ticketId());
                // The requestor is written with each ticket; nothing else of a customer lives in RT.
                case CUSTOMER -> ApplyResult.applied();
            };
            waiting = null;
            report(Health.online());
            return result;
        } catch (RtException e) {
            ApplyResult result = failed(e, "change " + change.position() + " (" + change.kind() + " " + change.entityId() + ")");
            waiting = result instanceof ApplyResult.Retry ? reported : null;
            return result;
        }
    }

    private ApplyResult applyTicket(long ticketId) {
        Optional<Versioned<Ticket>> ticket = context.model().ticket(ticketId);
        if (ticket.isEmpty()) {
            return ApplyResult.applied();
        }
        Optional<ExternalRef> ref = context.refs().find(EntityKind.TICKET, ticketId);
        if (ref.isEmpty()) {
            ensureTicket(ticket.get());
        } else if (ticket.get().version() > ref.get().syncedVersion()) {
            updateTicket(ref.get().externalId(), ticket.get().value());
            context.refs().put(new ExternalRef(EntityKind.TICKET, ticketId, ref.get().externalId(), ticket.get().version()));
        }
        return ApplyResult.applied();
    }

    /**
     * The RT ticket of a Switchboard ticket: from the reference, else found by the marker custom field
     * (RT answered a create, but the reference was not recorded), else created now.
     */
    private String ensureTicket(Versioned<Ticket> versioned) {
        Ticket ticket = versioned.value();
        Optional<ExternalRef> ref = context.refs().find(EntityKind.TICKET, ticket.id());
        if (ref.isPresent()) {
            return ref.get().externalId();
        }
        String rtId = findTicketByMarker(ticket.id());
        if (rtId != null) {
            LOG.info("Bridge {}: ticket {} is already RT ticket {}; recording it", context.instanceId(), ticket.id(), rtId);
            updateTicket(rtId, ticket);
        } else {
            rtId = createTicket(ticket);
            if (!"new".equals(settings.statusToRt().get(ticket.status())) || ticket.assignee() != null) {
                updateTicket(rtId, ticket);
            }
        }
        context.refs().put(new ExternalRef(EntityKind.TICKET, ticket.id(), rtId, versioned.version()));
        return rtId;
    }

    private String findTicketByMarker(long ticketId) {
        String query = "'CF.{" + settings.markerField() + "}' = '" + ticketId + "'";
        JsonNode items = rt.get("tickets", Map.of("query", query)).body().path("items");
        return items.size() == 0 ? null : items.get(0).path("id").asText();
    }

    private String createTicket(Ticket ticket) {
        Requestor requestor = requestor(ticket.customerId());
        ObjectNode body = RtClient.json().createObjectNode();
        body.put("Queue", settings.rtQueue(ticket.queue()));
        body.put("Subject", subject(ticket));
        body.put("Requestor", requestor.header());
        body.putObject("CustomFields").put(settings.markerField(), Long.toString(ticket.id()));
        RtClient.Response created = rt.post("ticket", Map.of(), body);
        String rtId = created.body().path("id").asText("");
        if (rtId.isEmpty() && created.location() != null) {
            rtId = created.location().substring(created.location().lastIndexOf('/') + 1);
        }
        if (rtId.isEmpty()) {
            throw new RtException(RtException.Kind.UNAVAILABLE, "RT created a ticket but did not say which");
        }
        LOG.info("Bridge {}: ticket {} created as RT ticket {} in queue {}", context.instanceId(), ticket.id(), rtId,
                body.get("Queue").asText());
        return rtId;
    }

    /** Status and owner; RT answers 200 with sentences even when it refuses, so those are logged. */
    private void updateTicket(String rtId, Ticket ticket) {
        ObjectNode body = RtClient.json().createObjectNode();
        body.put("Status", settings.statusToRt().get(ticket.status()));
        if (ticket.assignee() != null && !ticket.assignee().isBlank() && user(ticket.assignee()).exists()) {
            body.put("Owner", ticket.assignee());
        }
        JsonNode answer = rt.put("ticket/" + rtId, body).body();
        for (JsonNode message : answer) {
            String text = message.asText();
            if (!text.contains(" changed from ")) {
                LOG.warn("Bridge {}: RT ticket {} (Switchboard ticket {}): {}", context.instanceId(), rtId, ticket.id(), text);
            }
        }
    }

    private ApplyResult applyEntry(long entryId, Long ticketOfEntry) {
        Optional<Versioned<TimelineEntry>> found = context.model().entry(entryId);
        if (found.isEmpty() || found.get().value().type() == EntryType.EVENT) {
            return ApplyResult.applied();
        }
        TimelineEntry entry = found.get().value();
        long version = found.get().version();
        Optional<ExternalRef> ref = context.refs().find(EntityKind.ENTRY, entryId);
        if (ref.isPresent()) {
            if (deliveryFailed(entry) && ref.get().syncedVersion() < version) {
                Optional<Versioned<Ticket>> ticket = ticketOfEntry == null ? Optional.empty()
                        : context.model().ticket(ticketOfEntry);
                if (ticket.isPresent()) {
                    reportDeliveryFailure(ensureTicket(ticket.get()), ticket.get().value(), entry);
                }
                context.refs().put(new ExternalRef(EntityKind.ENTRY, entryId, ref.get().externalId(), version));
            }
            return ApplyResult.applied();
        }
        Optional<Versioned<Ticket>> ticket = ticketOfEntry == null ? Optional.empty()
                : context.model().ticket(ticketOfEntry);
        if (ticket.isEmpty()) {
            return ApplyResult.applied();
        }
        String rtId = ensureTicket(ticket.get());
        String marker = marker(entryId, "");
        String transaction = findByMessageId(marker);
        if (transaction == null) {
            post(rtId, ticket.get().value(), entry, marker);
            transaction = findByMessageId(marker);
        }
        if (deliveryFailed(entry)) {
            reportDeliveryFailure(rtId, ticket.get().value(), entry);
        }
        String externalId = transaction != null ? TXN_PREFIX + transaction : "rt-message-" + marker;
        context.refs().put(new ExternalRef(EntityKind.ENTRY, entryId, externalId, version));
        return ApplyResult.applied();
    }

    private static boolean deliveryFailed(TimelineEntry entry) {
        return entry.type() == EntryType.MESSAGE && entry.direction() == Direction.OUTBOUND
                && entry.deliveryStatus() == DeliveryStatus.FAILED;
    }

    /**
     * A customer's message is correspondence from the requestor; an agent's message correspondence and
     * a note a comment, both from the bridge's user. All through the mail gateway, so that each carries
     * its Message-ID marker.
     */
    private void post(String rtId, Ticket ticket, TimelineEntry entry, String marker) {
        boolean customer = entry.type() == EntryType.MESSAGE && entry.direction() == Direction.INBOUND;
        String action = entry.type() == EntryType.NOTE ? "comment" : "correspond";
        StringBuilder text = new StringBuilder(entry.text() == null ? "" : entry.text());
        List<Object[]> files = new ArrayList<>();
        for (Attachment attachment : entry.attachments() == null ? List.<Attachment>of() : entry.attachments()) {
            Optional<byte[]> content = context.model().attachmentContent(attachment);
            if (content.isPresent()) {
                files.add(new Object[] {fileName(attachment), attachment.contentType(), content.get()});
            } else {
                text.append(text.length() == 0 ? "" : "\n").append(attachment.url());
            }
        }
        if (customer) {
            Requestor requestor = requestor(ticket.customerId());
            MailMessage mail = new MailMessage(requestor.name(), requestor.address(), "Re: " + subject(ticket), marker,
                    entry.createdAt(), text.toString());
            files.forEach(f -> mail.attach((String) f[0], (String) f[1], (byte[]) f[2]));
            rt.mailGateway(settings.rtQueue(ticket.queue()), action, rtId, mail.render());
        } else if (bridgeAddress != null) {
            String author = entry.author() == null || entry.author().isBlank() ? "Switchboard" : entry.author() + " (Switchboard)";
            MailMessage mail = new MailMessage(author, bridgeAddress, "Re: " + subject(ticket), marker, entry.createdAt(),
                    text.toString());
            files.forEach(f -> mail.attach((String) f[0], (String) f[1], (byte[]) f[2]));
            rt.mailGateway(settings.rtQueue(ticket.queue()), action, rtId, mail.render());
        } else {
            // Without an address RT cannot recognise the bridge's user in a mail; REST 2 writes as that user,
            // but leaves no marker to find the write by after a crash.
            ObjectNode body = RtClient.json().createObjectNode();
            body.put("Content", text.toString());
            body.put("ContentType", "text/plain");
            if (!files.isEmpty()) {
                ArrayNode attachments = body.putArray("Attachments");
                for (Object[] f : files) {
                    attachments.addObject().put("FileName", (String) f[0])
                            .put("FileType", f[1] == null ? "application/octet-stream" : (String) f[1])
                            .put("FileContent", Base64.getEncoder().encodeToString((byte[]) f[2]));
                }
            }
            rt.post("ticket/" + rtId + "/" + action, Map.of(), body);
        }
    }

    /** A comment on the RT ticket, once: it carries a marker of its own, looked up before posting. */
    private void reportDeliveryFailure(String rtId, Ticket ticket, TimelineEntry entry) {
        String marker = marker(entry.id(), "-failed");
        if (findByMessageId(marker) != null) {
            return;
        }
        String reason = entry.failureReason() == null || entry.failureReason().isBlank() ? "no reason given"
                : entry.failureReason();
        String text = "Delivery failed: " + reason + "\n\nThe message that was not delivered:\n" + entry.text();
        if (bridgeAddress != null) {
            MailMessage mail = new MailMessage("Switchboard", bridgeAddress, "Delivery failed: " + subject(ticket), marker,
                    entry.createdAt(), text);
            rt.mailGateway(settings.rtQueue(ticket.queue()), "comment", rtId, mail.render());
        } else {
            ObjectNode body = RtClient.json().createObjectNode();
            body.put("Content", text);
            body.put("ContentType", "text/plain");
            rt.post("ticket/" + rtId + "/comment", Map.of(), body);
        }
        LOG.info("Bridge {}: delivery failure of entry {} reported on RT ticket {}", context.instanceId(), entry.id(), rtId);
    }

    /** The RT transaction of the mail with this Message-ID, or null; RT stores it without the brackets. */
    private String findByMessageId(String messageId) {
        ArrayNode query = RtClient.json().createArrayNode();
        query.addObject().put("field", "MessageId").put("value", messageId);
        JsonNode items = rt.post("attachments", Map.of("fields", "TransactionId"), query).body().path("items");
        if (items.size() == 0) {
            return null;
        }
        JsonNode transaction = items.get(0).path("TransactionId");
        return transaction.isObject() ? transaction.path("id").asText() : transaction.asText();
    }

    String marker(long entryId, String suffix) {
        return "sb-" + context.instanceId() + "-entry-" + entryId + suffix + "@switchboard.invalid";
    }

    // --- requestors -----------------------------------------------------------------------------------

    /** The RT requestor of a customer: their e-mail address, or the stable address the admin configured. */
    record Requestor(String name, String address) {
        /** {@code Name <address>} for REST 2, which takes the requestor's RealName from it. */
        String header() {
            if (name == null || name.isBlank() || name.equalsIgnoreCase(address)) {
                return address;
            }
            String clean = name.replaceAll("[\\r\\n\"\\\\<>]+", " ").strip();
            return clean.matches("[\\p{L}\\p{N} '_-]+") ? clean + " <" + address + ">" : "\"" + clean + "\" <" + address + ">";
        }
    }

    Requestor requestor(long customerId) {
        Optional<Customer> customer = context.model().customer(customerId).map(Versioned::value);
        String name = customer.map(Customer::name).orElse(null);
        List<Identity> identities = customer.map(Customer::identities).orElse(List.of());
        for (Identity identity : identities) {
            if (identity.kind() == IdentityKind.EMAIL) {
                return new Requestor(name, identity.address());
            }
        }
        String address;
        String kind;
        if (identities.isEmpty()) {
            address = "customer-" + customerId;
            kind = "CUSTOMER";
        } else {
            address = identities.get(0).address().replaceAll("[^A-Za-z0-9._-]", "");
            kind = identities.get(0).kind().name();
            if (address.isEmpty()) {
                address = "customer-" + customerId;
            }
        }
        return new Requestor(name, settings.requestorAddress().replace("{address}", address).replace("{kind}", kind));
    }

    private static String subject(Ticket ticket) {
        return ticket.subject() == null || ticket.subject().isBlank() ? "Switchboard ticket " + ticket.id() : ticket.subject();
    }

    private static String fileName(Attachment attachment) {
        if (attachment.fileName() != null && !attachment.fileName().isBlank()) {
            return attachment.fileName();
        }
        String path = attachment.url().replaceAll("[?#].*$", "");
        String last = path.substring(path.lastIndexOf('/') + 1);
        return last.isBlank() ? "attachment" : last;
    }

    // --- out of RT ------------------------------------------------------------------------------------

    /** Reads RT's transactions after the cursor and brings staff replies, comments and status changes in. */
    void poll() {
        try {
            ensureReady();
            int handled;
            do {
                handled = pollPage();
            } while (handled == PAGE);
            // A change waiting for RT (a missing right) keeps its report although reading works.
            report(waiting != null ? waiting : Health.online());
        } catch (RtException e) {
            failed(e, "reading RT's transactions");
        } catch (RuntimeException e) {
            // The scheduler would drop a periodic task that throws; the next run tries again.
            LOG.warn("Bridge {}: reading RT's transactions failed", context.instanceId(), e);
        }
    }

    private int pollPage() {
        long cursor = Long.parseLong(context.state(CURSOR_KEY).orElse("0"));
        ArrayNode query = RtClient.json().createArrayNode();
        query.addObject().put("field", "id").put("operator", ">").put("value", cursor);
        query.addObject().put("field", "ObjectType").put("value", "RT::Ticket").put("entry_aggregator", "AND");
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("orderby", "id");
        parameters.put("order", "ASC");
        parameters.put("per_page", Integer.toString(PAGE));
        parameters.put("fields", "Type,Creator,ObjectId,Field,OldValue,NewValue");
        JsonNode items = rt.post("transactions", parameters, query).body().path("items");
        for (JsonNode item : items) {
            long id = item.path("id").asLong();
            handle(id, item);
            context.saveState(CURSOR_KEY, Long.toString(id));
        }
        return items.size();
    }

    private void handle(long transactionId, JsonNode item) {
        String type = item.path("Type").asText();
        if (!type.equals("Correspond") && !type.equals("Comment") && !type.equals("Status")) {
            return;
        }
        String creator = item.path("Creator").isObject() ? item.path("Creator").path("id").asText()
                : item.path("Creator").asText();
        if (creator.equalsIgnoreCase(settings.username()) || creator.equals(RT_SYSTEM)) {
            return;
        }
        Optional<ExternalRef> ticketRef = context.refs().findByExternalId(EntityKind.TICKET, item.path("ObjectId").asText());
        if (ticketRef.isEmpty()) {
            return;
        }
        long ticketId = ticketRef.get().entityId();
        String eventId = TXN_PREFIX + transactionId;
        try {
            if (type.equals("Status")) {
                TicketStatus status = settings.statusFromRt().get(item.path("NewValue").asText());
                if (status == null) {
                    LOG.warn("Bridge {}: RT status '{}' of RT ticket {} has no Switchboard status; map it with statusMapping",
                            context.instanceId(), item.path("NewValue").asText(), ticketRef.get().externalId());
                    return;
                }
                context.changeStatus(ticketId, status, user(creator).displayName(), eventId);
                return;
            }
            RtUser author = user(creator);
            if (Boolean.FALSE.equals(author.privileged())) {
                // Unprivileged users are requestors writing by mail: their words are not staff replies.
                return;
            }
            Content content = content(transactionId);
            if (content.messageId().startsWith("sb-")) {
                return;
            }
            if (content.text().isBlank()) {
                LOG.warn("Bridge {}: RT transaction {} on RT ticket {} has no text to pass on", context.instanceId(),
                        transactionId, ticketRef.get().externalId());
                return;
            }
            if (type.equals("Correspond")) {
                context.reply(ticketId, author.displayName(), content.text(), eventId);
            } else {
                context.note(ticketId, author.displayName(), content.text(), eventId);
            }
        } catch (NoSuchElementException gone) {
            LOG.info("Bridge {}: RT transaction {} belongs to Switchboard ticket {}, which no longer exists",
                    context.instanceId(), transactionId, ticketId);
        }
    }

    record Content(String messageId, String text) {
    }

    /** The text of a transaction: its first plain-text part, else its first HTML part as text. */
    private Content content(long transactionId) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("fields", "ContentType,Filename,Content,MessageId");
        parameters.put("per_page", Integer.toString(PAGE));
        JsonNode parts = rt.get("transaction/" + transactionId + "/attachments", parameters).body().path("items");
        String messageId = "";
        String plain = null;
        String html = null;
        for (JsonNode part : parts) {
            if (messageId.isEmpty() && !part.path("MessageId").asText("").isEmpty()) {
                messageId = part.path("MessageId").asText();
            }
            if (!part.path("Filename").asText("").isEmpty()) {
                continue;
            }
            String type = part.path("ContentType").asText("").toLowerCase();
            String text = part.path("Content").isNull() ? "" : part.path("Content").asText("");
            if (plain == null && type.startsWith("text/plain") && !text.isBlank()) {
                plain = text;
            } else if (html == null && type.startsWith("text/html") && !text.isBlank()) {
                html = text;
            }
        }
        String text = plain != null ? plain.strip() : html != null ? HtmlText.toText(html) : "";
        return new Content(messageId, text);
    }

    // --- RT itself ------------------------------------------------------------------------------------

    /**
     * Once per instance (again after RT refused the login): checks the credentials, learns the bridge
     * user's address, makes sure the marker field exists, and starts the transaction cursor at RT's
     * newest transaction so that history is not imported.
     */
    private void ensureReady() {
        if (ready) {
            return;
        }
        RtUser me;
        try {
            me = readUser(settings.username());
        } catch (RtException e) {
            if (e.kind != RtException.Kind.FORBIDDEN) {
                throw e;
            }
            me = new RtUser(settings.username(), true, null, null, null);
        }
        bridgeAddress = me.emailAddress() == null || me.emailAddress().isBlank() ? null : me.emailAddress();
        if (bridgeAddress == null) {
            LOG.warn("Bridge {}: RT user {} has no e-mail address, so notes and agent replies are written through REST 2, "
                    + "without a marker: a crash at the wrong moment can write one twice", context.instanceId(),
                    settings.username());
        }
        ensureMarkerField();
        if (context.state(CURSOR_KEY).isEmpty()) {
            ArrayNode query = RtClient.json().createArrayNode();
            query.addObject().put("field", "id").put("operator", ">").put("value", 0);
            Map<String, String> parameters = new LinkedHashMap<>();
            parameters.put("orderby", "id");
            parameters.put("order", "DESC");
            parameters.put("per_page", "1");
            JsonNode items = rt.post("transactions", parameters, query).body().path("items");
            String newest = items.size() == 0 ? "0" : items.get(0).path("id").asText("0");
            context.saveState(CURSOR_KEY, newest);
            LOG.info("Bridge {}: following RT's transactions after {}", context.instanceId(), newest);
        }
        ready = true;
    }

    private void ensureMarkerField() {
        ArrayNode query = RtClient.json().createArrayNode();
        query.addObject().put("field", "Name").put("value", settings.markerField());
        query.addObject().put("field", "LookupType").put("value", TICKET_CF_LOOKUP).put("entry_aggregator", "AND");
        if (rt.post("customfields", Map.of(), query).body().path("items").size() > 0) {
            return;
        }
        ObjectNode field = RtClient.json().createObjectNode();
        field.put("Name", settings.markerField());
        field.put("Type", "FreeformSingle");
        field.put("LookupType", TICKET_CF_LOOKUP);
        field.put("Description", "The Switchboard ticket this RT ticket mirrors (written by the Switchboard bridge)");
        field.put("Queue", 0);
        try {
            rt.post("customfield", Map.of(), field);
        } catch (RtException e) {
            if (e.kind == RtException.Kind.FORBIDDEN || e.kind == RtException.Kind.REJECTED) {
                throw new RtException(RtException.Kind.FORBIDDEN, RtSettings.MARKER_FIELD + ": RT refused to create the "
                        + "ticket custom field '" + settings.markerField() + "' (" + e.getMessage() + "); create it as an "
                        + "RT admin (single free-form value, applied to all queues) or grant the bridge's user AdminCustomField");
            }
            throw e;
        }
        LOG.info("Bridge {}: created the RT custom field '{}' for all queues", context.instanceId(), settings.markerField());
    }

    private RtUser user(String name) {
        RtUser known = users.get(name);
        if (known != null) {
            return known;
        }
        RtUser user;
        try {
            user = readUser(name);
        } catch (RtException e) {
            if (e.kind != RtException.Kind.FORBIDDEN) {
                throw e;
            }
            user = new RtUser(name, true, null, null, null);
        }
        users.put(name, user);
        return user;
    }

    private RtUser readUser(String name) {
        try {
            JsonNode user = rt.get("user/" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20"), Map.of()).body();
            JsonNode privileged = user.path("Privileged");
            return new RtUser(name, true, privileged.isMissingNode() ? null : privileged.asText().equals("1"),
                    text(user.path("RealName")), text(user.path("EmailAddress")));
        } catch (RtException e) {
            if (e.kind == RtException.Kind.REJECTED) {
                return new RtUser(name, false, false, null, null);
            }
            throw e;
        }
    }

    private static String text(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? null : node.asText();
    }

    // --- health ---------------------------------------------------------------------------------------

    private ApplyResult failed(RtException e, String what) {
        switch (e.kind) {
            case UNAUTHORIZED -> {
                ready = false;
                String message = RtSettings.PASSWORD + ": RT refused the login of user '" + settings.username()
                        + "' (401); check the password (and the username)";
                report(Health.offline(Health.Reason.CONFIGURATION_ERROR, message));
                return new ApplyResult.Retry(message, ADMIN_RETRY);
            }
            case UNAVAILABLE -> {
                report(Health.degraded(Health.Reason.COMMUNICATION_ERROR, e.getMessage()));
                return ApplyResult.retry(e.getMessage());
            }
            case FORBIDDEN -> {
                report(Health.degraded(Health.Reason.PROVIDER_ERROR, e.getMessage()));
                return new ApplyResult.Retry(e.getMessage(), ADMIN_RETRY);
            }
            default -> {
                LOG.warn("Bridge {}: RT refused {}: {}", context.instanceId(), what, e.getMessage());
                report(Health.degraded(Health.Reason.PROVIDER_ERROR, "RT refused " + what + ": " + e.getMessage()));
                return ApplyResult.failed(e.getMessage());
            }
        }
    }

    private void report(Health health) {
        if (!health.equals(reported)) {
            reported = health;
            context.reportHealth(health);
            if (health.status() != Health.Status.ONLINE) {
                LOG.warn("Bridge {}: {} ({})", context.instanceId(), health.message(), health.status());
            }
        }
    }
}
