package io.switchboard.rest.internal.problem;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything no closer mapper handles: the core services' documented exceptions become 4xx
 * problems, the rest a 500 whose detail carries an id to find the logged stack trace by.
 */
public final class ServiceExceptionMapper implements ExceptionMapper<Exception> {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceExceptionMapper.class);

    @Override
    public Response toResponse(Exception e) {
        return ExceptionProblems.of(e)
                .map(Problems::response)
                .orElseGet(() -> unexpected(e));
    }

    static Response unexpected(Throwable e) {
        String incident = UUID.randomUUID().toString();
        LOG.error("Request failed unexpectedly (incident {})", incident, e);
        return Problems.response(Problems.internalError(
                "The server failed to handle this request; it was logged as incident " + incident + "."));
    }
}
