package io.switchboard.store.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An API token; only its SHA-256 is stored. */
@Entity(name = "ApiToken")
@Table(name = "api_token")
public class ApiTokenRow {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public String name;

    /** "agent" or "admin". */
    @Column(nullable = false)
    public String role;

    @Column(name = "token_sha256", nullable = false, unique = true)
    public String tokenSha256;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
