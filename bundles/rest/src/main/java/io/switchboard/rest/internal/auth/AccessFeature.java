package io.switchboard.rest.internal.auth;

import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import java.lang.reflect.Method;

/**
 * Puts an {@link AccessFilter} in front of every resource method that is not a {@link
 * PublicEndpoint}: admin for {@link AdminOnly} ones, any authenticated caller otherwise. This holds
 * even for a resource mounted outside {@code /api/}, whatever its path.
 */
public final class AccessFeature implements DynamicFeature {
    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        Class<?> type = resource.getResourceClass();
        Method method = resource.getResourceMethod();
        if (type.isAnnotationPresent(PublicEndpoint.class) || method.isAnnotationPresent(PublicEndpoint.class)) {
            return;
        }
        boolean admin = type.isAnnotationPresent(AdminOnly.class) || method.isAnnotationPresent(AdminOnly.class);
        context.register(new AccessFilter(admin ? Role.ADMIN : Role.AGENT));
    }
}
