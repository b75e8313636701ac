package io.switchboard.rest.internal.problem;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.glassfish.jersey.server.ParamException;

/**
 * Jersey's own refusals (no such resource, wrong method, unacceptable media types, unconvertible
 * parameters) as problems rather than its plain-text or HTML defaults. The messages are written
 * here: Jersey's would echo request content back.
 */
public final class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {
    /** Headers of Jersey's response that the problem response keeps. */
    private static final List<String> KEPT_HEADERS = List.of(HttpHeaders.ALLOW, HttpHeaders.WWW_AUTHENTICATE,
            HttpHeaders.RETRY_AFTER, HttpHeaders.LOCATION);

    @Override
    public Response toResponse(WebApplicationException e) {
        Response original = e.getResponse();
        int status = original.getStatus();
        if (status >= 500) {
            return ServiceExceptionMapper.unexpected(e);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : KEPT_HEADERS) {
            String value = original.getHeaderString(name);
            if (value != null) {
                headers.put(name, value);
            }
        }
        return Problems.response(problemFor(e, status, original), headers);
    }

    private static Problem problemFor(WebApplicationException e, int status, Response original) {
        if (e instanceof ParamException.PathParamException) {
            return Problems.notFound("There is nothing at this address.");
        }
        if (e instanceof ParamException param) {
            return Problems.badRequest("A request parameter has the wrong format.",
                    Map.of(param.getParameterName(), "has the wrong format"));
        }
        return switch (status) {
            case 404 -> Problems.notFound("There is nothing at this address.");
            case 405 -> Problems.forStatus(405, "This address does not accept that method"
                    + allowed(original.getHeaderString(HttpHeaders.ALLOW)) + ".");
            case 406 -> Problems.forStatus(406,
                    "None of the media types in the Accept header can be produced here.");
            case 415 -> Problems.forStatus(415, "This address only accepts application/json request bodies.");
            default -> Problems.forStatus(status);
        };
    }

    private static String allowed(String allow) {
        return allow == null || allow.isBlank() ? "" : "; it allows " + allow;
    }
}
