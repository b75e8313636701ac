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
import java.time.Instant;

/** One keyword a customer sent on a channel instance (STOP, START, HELP, …), kept as history. */
@Entity(name = "CustomerKeyword")
@Table(name = "customer_keyword")
public class CustomerKeywordRow {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "customer_id", nullable = false)
    public Long customerId;

    @Column(name = "channel_instance", nullable = false)
    public String channelInstance;

    @Enumerated(EnumType.STRING)
    @Column(name = "address_kind", nullable = false)
    public IdentityKind addressKind;

    @Column(nullable = false)
    public String address;

    @Column(nullable = false)
    public String keyword;

    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;
}
