package io.switchboard.store.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A webhook the core answered for an instance that was not running, kept as received (signatures are
 * checked over exactly these bytes and this URL) until the instance runs again and takes it. The
 * identity id gives the arrival order.
 */
@Entity(name = "ParkedWebhook")
@Table(name = "parked_webhook")
public class ParkedWebhookRow {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "channel_instance", nullable = false)
    public String channelInstance;

    @Column(nullable = false, length = 16)
    public String method;

    /** What followed {@code /hooks/{instanceId}}, starting with {@code /}. */
    @Column(nullable = false, length = 4000)
    public String path;

    /** The full URI as this server received it, query included. */
    @Column(name = "request_uri", nullable = false, length = 10000)
    public String requestUri;

    /** One {@code name: value} line per header value, in the order received. */
    @Column(nullable = false, length = 100000)
    public String headers;

    @JdbcTypeCode(SqlTypes.VARBINARY)
    @Column(nullable = false)
    public byte[] body;

    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;
}
