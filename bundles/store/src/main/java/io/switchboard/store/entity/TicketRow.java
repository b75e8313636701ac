package io.switchboard.store.entity;

import io.switchboard.api.model.Priority;
import io.switchboard.api.model.TicketStatus;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import org.hibernate.annotations.DynamicUpdate;

/** Updates write only the changed columns: most changes (a new message) touch one or two of them. */
@DynamicUpdate
@Entity(name = "Ticket")
@Table(name = "ticket")
public class TicketRow {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public String subject;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public TicketStatus status;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Priority priority;

    public String queue;

    public String assignee;

    /** Tags joined by single spaces, sorted; tags themselves hold no whitespace. */
    @Column(nullable = false)
    public String tags = "";

    @Column(name = "customer_id", nullable = false)
    public Long customerId;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "first_response_at")
    public Instant firstResponseAt;

    @Column(name = "solved_at")
    public Instant solvedAt;

    /** Optimistic lock: two agents changing one ticket at once cannot overwrite each other. */
    @Version
    public long version;
}
