package io.switchboard.rest.internal;

import jakarta.servlet.Servlet;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.io.IOException;

/**
 * Runs a servlet with this bundle's class loader as the thread's context class loader. Jersey, HK2
 * and the JAX-RS API look up their parts through it; on the HTTP whiteboard's threads it would be
 * the HTTP bundle's loader, which cannot see the copies embedded here.
 */
final class ContextClassLoaderServlet implements Servlet {
    private final Servlet delegate;
    private final ClassLoader loader;

    ContextClassLoaderServlet(Servlet delegate, ClassLoader loader) {
        this.delegate = delegate;
        this.loader = loader;
    }

    @Override
    public void init(ServletConfig config) throws ServletException {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            delegate.init(config);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @Override
    public void service(ServletRequest request, ServletResponse response) throws ServletException, IOException {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            delegate.service(request, response);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @Override
    public void destroy() {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            delegate.destroy();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @Override
    public ServletConfig getServletConfig() {
        return delegate.getServletConfig();
    }

    @Override
    public String getServletInfo() {
        return delegate.getServletInfo();
    }
}
