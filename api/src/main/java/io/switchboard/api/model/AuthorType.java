package io.switchboard.api.model;

public enum AuthorType { CUSTOMER, AGENT, BOT, SYSTEM }
