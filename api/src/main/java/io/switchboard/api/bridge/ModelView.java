package io.switchboard.api.bridge;

import io.switchboard.api.model.Attachment;
import io.switchboard.api.model.Customer;
import io.switchboard.api.model.Ticket;
import io.switchboard.api.model.TimelineEntry;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** Read access to the current state of the model, for a bridge applying a change. */
@ProviderType
public interface ModelView {

    /** The ticket with its conversations and whole timeline; empty if it no longer exists (merged away). */
    Optional<Versioned<Ticket>> ticket(long ticketId);

    Optional<Versioned<Customer>> customer(long customerId);

    /** One timeline entry with its attachments. */
    Optional<Versioned<TimelineEntry>> entry(long entryId);

    /**
     * The content of one of an entry's attachments, read whole, when Switchboard stores it (media a
     * connector fetched from its provider); empty when the attachment is only a link, or its content
     * is not fetched yet.
     */
    Optional<byte[]> attachmentContent(Attachment attachment);
}
