package io.switchboard.api.channel;

import java.util.List;

/** The outcome of {@link ChannelInstance#receive}: events to store and the answer, or a rejection. */
public sealed interface InboundResult {

    /** The request is genuine: store these events (possibly none), then answer with the response. */
    record Accepted(List<ChannelEvent> events, WebhookResponse response) implements InboundResult {
        public Accepted {
            events = List.copyOf(events);
        }
    }

    /**
     * The request is refused and nothing is stored. The core answers with the reason's status and an
     * RFC 9457 problem body carrying the detail; for {@link Reason#UNAUTHENTICATED} it says no more
     * than that, and logs the detail instead.
     */
    record Rejected(Reason reason, String detail) implements InboundResult {
    }

    enum Reason {
        /** Missing or wrong signature: 401. */
        UNAUTHENTICATED(401),
        /** Signed but not understood: 400. */
        MALFORMED(400),
        /** No such endpoint under this instance: 404. */
        NOT_FOUND(404),
        /** The endpoint exists but not for this method: 405. */
        METHOD_NOT_ALLOWED(405);

        private final int status;

        Reason(int status) {
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    static InboundResult accept(List<ChannelEvent> events, WebhookResponse response) {
        return new Accepted(events, response);
    }

    static InboundResult reject(Reason reason, String detail) {
        return new Rejected(reason, detail);
    }
}
