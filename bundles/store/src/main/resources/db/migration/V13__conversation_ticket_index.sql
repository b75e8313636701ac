-- A ticket's conversations are looked up by ticket for every reply, every ticket shown and every ticket
-- list filtered by channel; without this index each lookup read the whole conversation table.
CREATE INDEX ix_conversation_ticket ON conversation (ticket_id);
