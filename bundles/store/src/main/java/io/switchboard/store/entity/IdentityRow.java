package io.switchboard.store.entity;

import io.switchboard.api.model.IdentityKind;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A normalised address; unique over (kind, address), so it belongs to exactly one customer. */
@Entity(name = "Identity")
@Table(name = "identity")
public class IdentityRow {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "customer_id", nullable = false)
    public Long customerId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public IdentityKind kind;

    @Column(nullable = false)
    public String address;
}
