package io.switchboard.store.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A file on a message: its URL as the channel gave it and, once fetched, its content in {@link
 * MediaRow} by {@link #mediaSha256}.
 */
@Entity(name = "Attachment")
@Table(name = "attachment")
public class AttachmentRow {
    /**
     * REFERENCED: only the URL is kept. PENDING: the channel is to fetch it (attempts and next attempt
     * drive the back-off). STORED: the content is kept. FAILED: it could not be fetched; lastError says why.
     */
    public enum Status { REFERENCED, PENDING, STORED, FAILED }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "entry_id", nullable = false)
    public Long entryId;

    @Column(nullable = false, length = 4000)
    public String url;

    @Column(name = "content_type")
    public String contentType;

    @Column(name = "file_name")
    public String fileName;

    @Column(name = "size_bytes", nullable = false)
    public long size = -1;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status = Status.REFERENCED;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;

    @Column(name = "last_error", length = 2000)
    public String lastError;

    @Column(name = "media_sha256", length = 64)
    public String mediaSha256;
}
