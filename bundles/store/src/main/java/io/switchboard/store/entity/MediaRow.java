package io.switchboard.store.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * The content of stored attachments, kept once per distinct content: the id is the SHA-256 of the
 * bytes in lower-case hex. Loading a row loads the bytes, so queries that need only the size or type
 * select those fields.
 */
@Entity(name = "Media")
@Table(name = "media")
public class MediaRow {
    @Id
    @Column(length = 64)
    public String sha256;

    @Column(name = "content_type")
    public String contentType;

    @Column(name = "size_bytes", nullable = false)
    public long size;

    /** A byte string (PostgreSQL's bytea, H2's binary varying), not a BLOB: PostgreSQL has no BLOB type. */
    @JdbcTypeCode(SqlTypes.VARBINARY)
    @Column(nullable = false)
    public byte[] content;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
