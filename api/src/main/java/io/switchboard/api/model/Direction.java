package io.switchboard.api.model;

public enum Direction { INBOUND, OUTBOUND }
