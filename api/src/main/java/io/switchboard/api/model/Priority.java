package io.switchboard.api.model;

public enum Priority { LOW, NORMAL, HIGH, URGENT }
