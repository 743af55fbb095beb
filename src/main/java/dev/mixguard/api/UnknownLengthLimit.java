package dev.mixguard.api;

import io.quarkus.runtime.configuration.MemorySize;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Counts a request body sent without Content-Length as Quarkus REST reads it, and past
 * {@code quarkus.http.limits.max-body-size} stops it with {@link BodyTooLargeException} (a JSON 413). Bodies with a
 * Content-Length are refused before they are read, by {@link BodyLimitGuard}; forms by Quarkus REST's parsers.
 */
@Provider
public class UnknownLengthLimit implements ReaderInterceptor {

    private final long max;

    UnknownLengthLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> limit) {
        this.max = limit.map(MemorySize::asLongValue).orElse(-1L);
    }

    /**
     * Reads the body through a counter; whatever a reader throws once the counter has stopped the body (Jackson
     * wraps it as a JSON error) becomes the 413.
     */
    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        if (max < 0 || context.getHeaders().getFirst(HttpHeaders.CONTENT_LENGTH) != null
                || isForm(context.getHeaders().getFirst(HttpHeaders.CONTENT_TYPE))) {
            return context.proceed();
        }
        Counted counted = new Counted(context.getInputStream(), max);
        context.setInputStream(counted);
        try {
            return context.proceed();
        } catch (IOException | RuntimeException e) {
            if (counted.exceeded()) {
                throw new BodyTooLargeException("expected a body of at most " + max + " bytes "
                        + "(quarkus.http.limits.max-body-size), found more in a body sent without Content-Length");
            }
            throw e;
        }
    }

    /** Whether {@code contentType} names a form (multipart or URL-encoded), which Quarkus REST parses itself. */
    static boolean isForm(String contentType) {
        return contentType != null && (contentType.regionMatches(true, 0, "multipart/", 0, 10)
                || contentType.regionMatches(true, 0, "application/x-www-form-urlencoded", 0, 33));
    }

    /** The body, failing once more than {@code max} bytes have been read from it. */
    private static final class Counted extends FilterInputStream {

        private final long max;
        private long count;

        Counted(InputStream in, long max) {
            super(in);
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            counted(skipped);
            return skipped;
        }

        boolean exceeded() {
            return count > max;
        }

        private void counted(long n) throws IOException {
            count += n;
            if (exceeded()) {
                throw new IOException("body over " + max + " bytes");
            }
        }
    }
}
