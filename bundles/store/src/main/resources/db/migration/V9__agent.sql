-- Agents as the phone queues see them: whether they take calls now, and where to ring them (a phone
-- number in E.164 or a Twilio Client identity). The name is the agent's token name, the same name
-- that authors their replies. available_since and last_offered_at give the fair order: the agent
-- idle the longest is offered the next call.
CREATE TABLE agent (
    name            VARCHAR(255)                PRIMARY KEY,
    available       BOOLEAN                     NOT NULL,
    phone_number    VARCHAR(32),
    client_identity VARCHAR(255),
    available_since TIMESTAMP(6) WITH TIME ZONE,
    last_offered_at TIMESTAMP(6) WITH TIME ZONE,
    updated_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_agent_available ON agent (available);
