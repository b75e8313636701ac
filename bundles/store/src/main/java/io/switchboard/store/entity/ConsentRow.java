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

/** Whether a customer's address accepts messages on one channel instance; unique per (instance, address). */
@Entity(name = "Consent")
@Table(name = "channel_consent")
public class ConsentRow {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "channel_instance", nullable = false)
    public String channelInstance;

    @Enumerated(EnumType.STRING)
    @Column(name = "address_kind", nullable = false)
    public IdentityKind addressKind;

    @Column(nullable = false)
    public String address;

    @Column(name = "opted_in", nullable = false)
    public boolean optedIn;

    @Column(nullable = false)
    public String keyword;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
