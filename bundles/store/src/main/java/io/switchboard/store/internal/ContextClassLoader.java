package io.switchboard.store.internal;

/**
 * Sets the thread's context class loader for a block and restores it afterwards. Hibernate, Flyway
 * and the JDBC drivers look some classes and resources up through it; inside OSGi it must be this
 * bundle's loader, which is the one that sees the embedded libraries.
 */
final class ContextClassLoader implements AutoCloseable {
    private final Thread thread;
    private final ClassLoader previous;

    private ContextClassLoader(ClassLoader loader) {
        this.thread = Thread.currentThread();
        this.previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
    }

    static ContextClassLoader use(ClassLoader loader) {
        return new ContextClassLoader(loader);
    }

    @Override
    public void close() {
        thread.setContextClassLoader(previous);
    }
}
