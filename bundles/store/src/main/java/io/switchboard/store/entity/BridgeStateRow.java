package io.switchboard.store.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A bridge instance's cursor in the change stream, or a value of the bridge's own. */
@Entity(name = "BridgeState")
@Table(name = "bridge_state")
public class BridgeStateRow {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "bridge_instance", nullable = false)
    public String bridgeInstance;

    @Column(name = "state_key", nullable = false)
    public String key;

    @Column(name = "state_value", nullable = false, length = 4000)
    public String value;
}
