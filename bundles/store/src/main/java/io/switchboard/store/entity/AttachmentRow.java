package io.switchboard.store.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity(name = "Attachment")
@Table(name = "attachment")
public class AttachmentRow {
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
}
