package io.switchboard.tickets.internal;

import io.switchboard.api.model.Address;
import io.switchboard.api.model.Attachment;
import io.switchboard.api.model.Conversation;
import io.switchboard.api.model.Customer;
import io.switchboard.api.model.Identity;
import io.switchboard.api.model.Ticket;
import io.switchboard.api.model.TimelineEntry;
import io.switchboard.store.entity.AttachmentRow;
import io.switchboard.store.entity.ConsentRow;
import io.switchboard.store.entity.ConversationRow;
import io.switchboard.store.entity.CustomerKeywordRow;
import io.switchboard.store.entity.CustomerRow;
import io.switchboard.store.entity.EntryRow;
import io.switchboard.store.entity.IdentityRow;
import io.switchboard.store.entity.MediaRow;
import io.switchboard.store.entity.TicketRow;
import io.switchboard.tickets.ChannelConsent;
import io.switchboard.tickets.CustomerDetail;
import io.switchboard.tickets.CustomerKeyword;
import io.switchboard.tickets.MediaContent;
import io.switchboard.tickets.Page;
import io.switchboard.tickets.StoredAttachment;
import io.switchboard.tickets.TicketQuery;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Reads rows into the API's read-only model. */
final class Views {
    private Views() {
    }

    static Page<Ticket> tickets(EntityManager em, TicketQuery query) {
        StringBuilder where = new StringBuilder(" where 1 = 1");
        Map<String, Object> parameters = new HashMap<>();
        if (query.status() != null) {
            where.append(" and t.status = :status");
            parameters.put("status", query.status());
        }
        if (query.assignee() != null) {
            if (query.assignee().equals("none")) {
                where.append(" and t.assignee is null");
            } else {
                where.append(" and t.assignee = :assignee");
                parameters.put("assignee", query.assignee());
            }
        }
        if (query.queue() != null) {
            where.append(" and t.queue = :queue");
            parameters.put("queue", query.queue());
        }
        if (query.customerId() != null) {
            where.append(" and t.customerId = :customer");
            parameters.put("customer", query.customerId());
        }
        if (query.channel() != null) {
            where.append(" and exists (select 1 from Conversation c where c.ticketId = t.id"
                    + " and (c.channelType = :channel or c.channelInstance = :channel))");
            parameters.put("channel", query.channel());
        }
        TypedQuery<Long> count = em.createQuery("select count(t) from Ticket t" + where, Long.class);
        TypedQuery<TicketRow> select = em.createQuery(
                "select t from Ticket t" + where + " order by t.updatedAt desc, t.id desc", TicketRow.class);
        parameters.forEach((name, value) -> {
            count.setParameter(name, value);
            select.setParameter(name, value);
        });
        List<TicketRow> rows = select.setFirstResult(query.page() * query.size()).setMaxResults(query.size())
                .getResultList();
        Map<Long, List<Conversation>> conversations = conversations(em, rows.stream().map(t -> t.id).toList());
        List<Ticket> items = rows.stream()
                .map(t -> ticket(t, conversations.getOrDefault(t.id, List.of()), List.of()))
                .toList();
        return new Page<>(items, count.getSingleResult(), query.page(), query.size());
    }

    static Ticket ticket(EntityManager em, TicketRow row) {
        List<EntryRow> entries = em.createQuery("select e from Entry e where e.ticketId = :t order by e.createdAt, e.id",
                EntryRow.class).setParameter("t", row.id).getResultList();
        Map<Long, List<Attachment>> attachments = entries.isEmpty() ? Map.of()
                : em.createQuery("select a from Attachment a where a.entryId in :ids order by a.id", AttachmentRow.class)
                        .setParameter("ids", entries.stream().map(e -> e.id).toList())
                        .getResultStream()
                        .collect(Collectors.groupingBy(a -> a.entryId,
                                Collectors.mapping(Views::attachment, Collectors.toList())));
        List<TimelineEntry> timeline = entries.stream()
                .map(e -> entry(e, attachments.getOrDefault(e.id, List.of())))
                .toList();
        return ticket(row, conversations(em, List.of(row.id)).getOrDefault(row.id, List.of()), timeline);
    }

    static TimelineEntry entry(EntryRow e, List<Attachment> attachments) {
        return new TimelineEntry(e.id, e.type, e.createdAt, e.conversationId, e.direction, e.authorType, e.author,
                e.text, attachments, e.deliveryStatus, e.providerMessageId, e.failureReason);
    }

    static Customer customer(EntityManager em, CustomerRow row) {
        List<Identity> identities = em.createQuery("select i from Identity i where i.customerId = :c order by i.id",
                        IdentityRow.class).setParameter("c", row.id).getResultStream()
                .map(i -> new Identity(i.id, i.kind, i.address)).toList();
        return new Customer(row.id, row.name, identities, row.createdAt);
    }

    /** Consent is recorded per address; the customer's is that of the addresses they have now. */
    static CustomerDetail customerDetail(EntityManager em, CustomerRow row, int keywordLimit) {
        List<ChannelConsent> consent = em.createQuery("select c from Consent c where exists (select 1 from Identity i"
                        + " where i.customerId = :c and i.kind = c.addressKind and i.address = c.address)"
                        + " order by c.channelInstance, c.addressKind, c.address", ConsentRow.class)
                .setParameter("c", row.id).getResultStream()
                .map(c -> new ChannelConsent(c.channelInstance, new Address(c.addressKind, c.address), c.optedIn,
                        c.keyword, c.updatedAt))
                .toList();
        List<CustomerKeyword> keywords = em.createQuery("select k from CustomerKeyword k where k.customerId = :c"
                        + " order by k.receivedAt desc, k.id desc", CustomerKeywordRow.class)
                .setParameter("c", row.id).setMaxResults(keywordLimit).getResultStream()
                .map(k -> new CustomerKeyword(k.channelInstance, new Address(k.addressKind, k.address), k.keyword,
                        k.receivedAt))
                .toList();
        return new CustomerDetail(customer(em, row), consent, keywords);
    }

    static List<StoredAttachment> attachments(EntityManager em, long ticketId) {
        return em.createQuery("select a from Attachment a, Entry e where e.id = a.entryId and e.ticketId = :t"
                        + " order by e.createdAt, e.id, a.id", AttachmentRow.class)
                .setParameter("t", ticketId).getResultStream()
                .map(a -> new StoredAttachment(a.id, a.entryId, a.url, a.contentType, a.fileName, a.size,
                        StoredAttachment.Status.valueOf(a.status.name()),
                        a.status == AttachmentRow.Status.FAILED ? a.lastError : null))
                .toList();
    }

    static Optional<MediaContent> media(EntityManager em, long attachmentId) {
        AttachmentRow attachment = em.find(AttachmentRow.class, attachmentId);
        if (attachment == null || attachment.status != AttachmentRow.Status.STORED || attachment.mediaSha256 == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(em.find(MediaRow.class, attachment.mediaSha256))
                .map(media -> new MediaContent(attachment.id, attachment.fileName,
                        attachment.contentType != null ? attachment.contentType : media.contentType, media.content));
    }

    static Page<Customer> customers(EntityManager em, String search, int page, int size) {
        String where = " where c.mergedInto is null";
        if (search != null && !search.isBlank()) {
            where += " and (lower(c.name) like :q or exists (select 1 from Identity i where i.customerId = c.id"
                    + " and lower(i.address) like :q))";
        }
        TypedQuery<Long> count = em.createQuery("select count(c) from Customer c" + where, Long.class);
        TypedQuery<CustomerRow> select = em.createQuery("select c from Customer c" + where + " order by c.id desc",
                CustomerRow.class);
        if (search != null && !search.isBlank()) {
            String like = "%" + search.strip().toLowerCase(java.util.Locale.ROOT)
                    .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            count.setParameter("q", like);
            select.setParameter("q", like);
        }
        List<Customer> items = select.setFirstResult(page * size).setMaxResults(size).getResultStream()
                .map(c -> customer(em, c)).toList();
        return new Page<>(items, count.getSingleResult(), page, size);
    }

    private static Map<Long, List<Conversation>> conversations(EntityManager em, List<Long> ticketIds) {
        if (ticketIds.isEmpty()) {
            return Map.of();
        }
        return em.createQuery("select c from Conversation c where c.ticketId in :ids order by c.createdAt, c.id",
                        ConversationRow.class)
                .setParameter("ids", ticketIds).getResultStream()
                .collect(Collectors.groupingBy(c -> c.ticketId, Collectors.mapping(
                        c -> new Conversation(c.id, c.channelInstance, c.channelType, c.threadId,
                                new Address(c.addressKind, c.address)),
                        Collectors.toList())));
    }

    private static Ticket ticket(TicketRow t, List<Conversation> conversations, List<TimelineEntry> timeline) {
        return new Ticket(t.id, t.subject, t.status, t.priority, t.queue, t.assignee, tagSet(t.tags), t.customerId,
                t.createdAt, t.updatedAt, t.firstResponseAt, t.solvedAt, conversations, timeline);
    }

    private static java.util.Set<String> tagSet(String tags) {
        return tags.isEmpty() ? java.util.Set.of()
                : Arrays.stream(tags.split(" ")).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static Attachment attachment(AttachmentRow a) {
        return new Attachment(a.url, a.contentType, a.fileName, a.size);
    }
}
