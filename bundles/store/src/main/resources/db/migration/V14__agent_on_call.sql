-- An agent who was offered a call is on it (ringing or talking) until the connector reports their leg
-- over; queues offer calls only to agents who are not on one.
ALTER TABLE agent ADD COLUMN on_call_since TIMESTAMP(6) WITH TIME ZONE;
