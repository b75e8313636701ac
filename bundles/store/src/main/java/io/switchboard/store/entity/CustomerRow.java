package io.switchboard.store.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

@Entity(name = "Customer")
@Table(name = "customer")
public class CustomerRow {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String name;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** Set when this customer was merged into another; the row stays for the record. */
    @Column(name = "merged_into")
    public Long mergedInto;

    /**
     * Grows with every change of the customer or of their identities; kept by the store when it
     * records the change (see {@link ChangeRow}), never written through this entity.
     */
    @Column(insertable = false, updatable = false)
    public long version;
}
