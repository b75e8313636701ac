package io.switchboard.store.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The record of one merge: {@code source} was folded into {@code target}. */
@Entity(name = "CustomerMerge")
@Table(name = "customer_merge")
public class CustomerMergeRow {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "source_id", nullable = false)
    public Long sourceId;

    @Column(name = "target_id", nullable = false)
    public Long targetId;

    @Column(name = "merged_by", nullable = false)
    public String mergedBy;

    @Column(name = "merged_at", nullable = false)
    public Instant mergedAt;
}
