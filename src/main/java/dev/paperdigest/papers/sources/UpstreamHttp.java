package dev.paperdigest.papers.sources;

import dev.paperdigest.common.LimitsConfig;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * GETs from the upstream sources with {@link java.net.http.HttpClient}: politely (see
 * {@link Politeness}), retrying 429, 5xx, timeouts and broken connections with exponential backoff
 * (a {@code Retry-After} header wins), refusing bodies over {@code digest.limits.max-import-size},
 * and handing the body over as a stream, never as a whole in memory.
 */
@ApplicationScoped
public class UpstreamHttp {

    private static final Logger LOG = Logger.getLogger(UpstreamHttp.class);
    static final String USER_AGENT = "PaperDigest/0.1 (+https://github.com/; self-hosted research digest)";

    private final SourcesConfig config;
    private final LimitsConfig limits;
    private final Vertx vertx;
    private final HttpClient client;

    public UpstreamHttp(SourcesConfig config, LimitsConfig limits, Vertx vertx) {
        this.config = config;
        this.limits = limits;
        this.vertx = vertx;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.timeout())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    /** An open response body; closing it ends the request and lets the next one through the gate. */
    public static final class Body implements AutoCloseable {
        private final InputStream stream;
        private final Politeness gate;

        Body(InputStream stream, Politeness gate) {
            this.stream = stream;
            this.gate = gate;
        }

        public InputStream stream() {
            return stream;
        }

        @Override
        public void close() {
            try {
                stream.close();
            } catch (IOException ignored) {
                // the connection is gone either way
            } finally {
                gate.release();
            }
        }
    }

    /**
     * Sends a GET, retrying what is worth retrying; the returned body holds the gate until closed.
     *
     * @param onAttempt called once per attempt, for the run's request count
     */
    public Body get(URI uri, Politeness gate, Runnable onAttempt) throws UpstreamException, InterruptedException {
        int maxAttempts = Math.max(1, config.maxAttempts());
        long maxBytes = limits.maxImportSize().asLongValue();
        Duration timeout = config.timeout();
        String lastProblem = null;
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            Duration wait = null;
            gate.acquire();
            boolean handedOver = false;
            try {
                onAttempt.run();
                HttpRequest request = HttpRequest.newBuilder(uri)
                        .GET()
                        .timeout(timeout)
                        .header("User-Agent", USER_AGENT)
                        .header("Accept-Encoding", "identity")
                        .build();
                HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
                int status = response.statusCode();
                if (status == 200) {
                    long length = response.headers()
                            .firstValueAsLong("Content-Length")
                            .orElse(-1);
                    if (length > maxBytes) {
                        response.body().close();
                        throw new UpstreamException(gate.upstream() + " answered " + length
                                + " bytes, more than digest.limits.max-import-size (" + maxBytes + ")");
                    }
                    InputStream body = new GuardedStream(response.body(), maxBytes, timeout, vertx, uri);
                    handedOver = true;
                    return new Body(body, gate);
                }
                String snippet = snippet(response.body());
                lastProblem = "HTTP " + status + (snippet.isEmpty() ? "" : ": " + snippet);
                if (status != 429 && status < 500) {
                    throw new UpstreamException(gate.upstream() + " refused " + uri + " with " + lastProblem);
                }
                Optional<Duration> retryAfter =
                        retryAfter(response.headers().firstValue("Retry-After").orElse(null));
                if (retryAfter.isPresent() && retryAfter.get().compareTo(config.maxBackoff()) > 0) {
                    throw new UpstreamException(gate.upstream() + " asked to come back in " + retryAfter.get() + " ("
                            + lastProblem + "); the next run catches up");
                }
                wait = retryAfter.orElse(null);
            } catch (HttpTimeoutException e) {
                lastProblem = "timed out after " + timeout;
            } catch (IOException e) {
                lastProblem = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            } finally {
                if (!handedOver) {
                    gate.release();
                }
            }
            if (attempt < maxAttempts) {
                if (wait == null) {
                    wait = backoff(attempt);
                }
                LOG.infof(
                        "%s: %s (attempt %d of %d), retrying in %s",
                        gate.upstream(), lastProblem, attempt, maxAttempts, wait);
                Thread.sleep(wait.toMillis());
            }
        }
        throw new UpstreamException(
                gate.upstream() + " failed " + maxAttempts + " times for " + uri + ": " + lastProblem);
    }

    private Duration backoff(int attempt) {
        Duration base = config.backoff();
        Duration wait = base.multipliedBy(1L << Math.min(attempt - 1, 16));
        return wait.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : wait;
    }

    /** {@code Retry-After}: delay-seconds or an HTTP-date (RFC 9110). */
    static Optional<Duration> retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String value = header.strip();
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value))));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration until = Duration.between(ZonedDateTime.now(at.getZone()), at);
                return Optional.of(until.isNegative() ? Duration.ZERO : until);
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }

    private static String snippet(InputStream body) {
        try (body) {
            String text = new String(body.readNBytes(300), StandardCharsets.UTF_8);
            return text.replaceAll("\\s+", " ").strip();
        } catch (IOException e) {
            return "";
        }
    }
}
