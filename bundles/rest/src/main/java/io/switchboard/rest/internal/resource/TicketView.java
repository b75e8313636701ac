package io.switchboard.rest.internal.resource;

import io.switchboard.api.model.Attachment;
import io.switchboard.api.model.AuthorType;
import io.switchboard.api.model.Call;
import io.switchboard.api.model.CallOutcome;
import io.switchboard.api.model.Conversation;
import io.switchboard.api.model.DeliveryStatus;
import io.switchboard.api.model.Direction;
import io.switchboard.api.model.EntryType;
import io.switchboard.api.model.Priority;
import io.switchboard.api.model.Ticket;
import io.switchboard.api.model.TicketStatus;
import io.switchboard.api.model.TimelineEntry;
import io.switchboard.tickets.StoredAttachment;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A ticket as the API shows it: the model's ticket, whose attachments also carry their id, whether
 * their content was fetched, and where to download it.
 */
public record TicketView(long id, String subject, TicketStatus status, Priority priority, String queue,
        String assignee, Set<String> tags, long customerId, Instant createdAt, Instant updatedAt,
        Instant firstResponseAt, Instant solvedAt, List<Conversation> conversations, List<EntryView> timeline) {

    /**
     * A timeline entry with the same fields as {@link TimelineEntry}, attachments in detail, and for a
     * call its details.
     */
    public record EntryView(long id, EntryType type, Instant createdAt, Long conversationId, Direction direction,
            AuthorType authorType, String author, String text, List<AttachmentView> attachments,
            DeliveryStatus deliveryStatus, String providerMessageId, String failureReason, CallView call) {
    }

    /** A call's details, its durations in whole seconds. */
    public record CallView(long entryId, String channelInstance, String callId, Direction direction,
            CallOutcome outcome, List<String> ivrPath, String queue, Long ivrSeconds, Long waitSeconds,
            Long talkSeconds, String agent, Instant startedAt, Instant endedAt, String transcript) {

        static CallView of(Call call) {
            return new CallView(call.entryId(), call.channelInstance(), call.callId(), call.direction(), call.outcome(),
                    call.ivrPath(), call.queue(), seconds(call.ivrTime()), seconds(call.waitTime()),
                    seconds(call.talkTime()), call.agent(), call.startedAt(), call.endedAt(), call.transcript());
        }

        private static Long seconds(Duration duration) {
            return duration == null ? null : duration.toSeconds();
        }
    }

    /**
     * One attachment. {@code contentUrl} is there once the content is stored; {@code failureReason} once
     * it could not be fetched.
     */
    public record AttachmentView(Long id, StoredAttachment.Status status, String url, String fileName,
            String contentType, long size, String contentUrl, String failureReason) {

        static AttachmentView of(StoredAttachment attachment) {
            return new AttachmentView(attachment.id(), attachment.status(), attachment.url(), attachment.fileName(),
                    attachment.contentType(), attachment.size(),
                    attachment.status() == StoredAttachment.Status.STORED ? TicketView.contentUrl(attachment.id()) : null,
                    attachment.failureReason());
        }

        /** An attachment the ticket service gave no details of: only what the model knows. */
        static AttachmentView of(Attachment attachment) {
            return new AttachmentView(null, null, attachment.url(), attachment.fileName(), attachment.contentType(),
                    attachment.size(), null, null);
        }
    }

    /** Where {@link AttachmentResource} serves an attachment's stored content. */
    static String contentUrl(long attachmentId) {
        return "/api/v1/attachments/" + attachmentId + "/content";
    }

    static TicketView of(Ticket ticket, List<StoredAttachment> attachments, List<Call> calls) {
        Map<Long, List<AttachmentView>> byEntry = attachments.stream().collect(Collectors.groupingBy(
                StoredAttachment::entryId, Collectors.mapping(AttachmentView::of, Collectors.toList())));
        Map<Long, CallView> callsByEntry = calls.stream().collect(Collectors.toMap(Call::entryId, CallView::of));
        List<EntryView> timeline = ticket.timeline().stream()
                .map(e -> entry(e, byEntry.get(e.id()), callsByEntry.get(e.id()))).toList();
        return new TicketView(ticket.id(), ticket.subject(), ticket.status(), ticket.priority(), ticket.queue(),
                ticket.assignee(), ticket.tags(), ticket.customerId(), ticket.createdAt(), ticket.updatedAt(),
                ticket.firstResponseAt(), ticket.solvedAt(), ticket.conversations(), timeline);
    }

    private static EntryView entry(TimelineEntry e, List<AttachmentView> stored, CallView call) {
        List<AttachmentView> attachments = stored != null ? stored
                : e.attachments().stream().map(AttachmentView::of).toList();
        return new EntryView(e.id(), e.type(), e.createdAt(), e.conversationId(), e.direction(), e.authorType(),
                e.author(), e.text(), attachments, e.deliveryStatus(), e.providerMessageId(), e.failureReason(), call);
    }
}
