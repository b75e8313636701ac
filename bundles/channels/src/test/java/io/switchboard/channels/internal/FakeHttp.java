package io.switchboard.channels.internal;

import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ReadListener;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Just enough of a servlet request and response to drive the hooks servlet without a server. */
final class FakeHttp {
    private FakeHttp() {
    }

    /** What the servlet answered. */
    static final class Answer {
        int status = 200;
        String contentType;
        final Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        final ByteArrayOutputStream body = new ByteArrayOutputStream();

        String text() {
            return body.toString(StandardCharsets.UTF_8);
        }
    }

    /** @param url the full URL, e.g. {@code http://127.0.0.1:8080/hooks/voice/voice?x=1} */
    static HttpServletRequest request(String method, String url, Map<String, String> headers, String body) {
        URI uri = URI.create(url);
        String path = uri.getRawPath();
        String pathInfo = path.substring("/hooks".length());
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        Map<String, String> all = new LinkedHashMap<>(headers);
        ByteArrayInputStream in = new ByteArrayInputStream(bytes);
        ServletInputStream stream = new ServletInputStream() {
            @Override
            public int read() {
                return in.read();
            }

            @Override
            public boolean isFinished() {
                return in.available() == 0;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setReadListener(ReadListener listener) {
                throw new UnsupportedOperationException();
            }
        };
        return (HttpServletRequest) Proxy.newProxyInstance(FakeHttp.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, m, args) -> switch (m.getName()) {
                    case "getInputStream" -> stream;
                    case "getPathInfo" -> pathInfo.isEmpty() ? null : pathInfo;
                    case "getMethod" -> method;
                    case "getRequestURL" -> new StringBuffer(url.contains("?") ? url.substring(0, url.indexOf('?')) : url);
                    case "getQueryString" -> uri.getRawQuery();
                    case "getHeaderNames" -> Collections.enumeration(all.keySet());
                    case "getHeaders" -> Collections.enumeration(all.containsKey((String) args[0])
                            ? List.of(all.get((String) args[0])) : List.<String>of());
                    case "toString" -> method + " " + url;
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    static HttpServletResponse response(Answer answer) {
        ServletOutputStream out = new ServletOutputStream() {
            @Override
            public void write(int b) {
                answer.body.write(b);
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {
                throw new UnsupportedOperationException();
            }
        };
        return (HttpServletResponse) Proxy.newProxyInstance(FakeHttp.class.getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (proxy, m, args) -> {
                    switch (m.getName()) {
                        case "setStatus" -> answer.status = (Integer) args[0];
                        case "setContentType" -> answer.contentType = (String) args[0];
                        case "setHeader" -> answer.headers.put((String) args[0], (String) args[1]);
                        case "setContentLength" -> { }
                        case "getOutputStream" -> {
                            return out;
                        }
                        case "toString" -> {
                            return "response";
                        }
                        default -> throw new UnsupportedOperationException(m.getName());
                    }
                    return null;
                });
    }
}
