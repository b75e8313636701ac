package io.switchboard.rest.internal.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.ext.ContextResolver;

/** Hands Jersey's Jackson provider the API's mapper. */
public final class ObjectMapperResolver implements ContextResolver<ObjectMapper> {
    private final ObjectMapper mapper = ObjectMappers.create();

    @Override
    public ObjectMapper getContext(Class<?> type) {
        return mapper;
    }
}
