package io.switchboard.bridge.rt.internal;

/** RT did not do what was asked; {@link #kind} says whether waiting, the admin or nobody can fix it. */
final class RtException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    enum Kind {
        /** Not reachable, too slow, or answering 5xx/429: the work waits and is tried again. */
        UNAVAILABLE,
        /** 401: the user name or password is wrong. */
        UNAUTHORIZED,
        /** 403, or the mail gateway refusing: a right is missing in RT, which an admin can grant. */
        FORBIDDEN,
        /** Any other 4xx: RT refuses this request for good. */
        REJECTED
    }

    final Kind kind;

    RtException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    RtException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }
}
