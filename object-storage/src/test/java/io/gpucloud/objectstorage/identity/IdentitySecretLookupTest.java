package io.gpucloud.objectstorage.identity;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.gpucloud.common.auth.Ec2CredentialIds;
import io.gpucloud.common.auth.TokenSource;
import io.gpucloud.objectstorage.s3.auth.AccessKeySecret;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The lookup against an HTTP endpoint answering as identity's {@code GET /v3/credentials/{id}} does (the
 * identity side is tested in identity's CredentialApiTest): the id asked for, the token sent, caching, 404, 401.
 */
class IdentitySecretLookupTest {

    private static final String ACCESS = "0123456789abcdef0123456789abcdef";
    private HttpServer identity;
    private final List<String> requests = new ArrayList<>();
    private final AtomicInteger refuseNext = new AtomicInteger();
    private final AtomicInteger invalidations = new AtomicInteger();
    private Instant now = Instant.parse("2026-12-03T12:00:00Z");

    @BeforeEach
    void start() throws Exception {
        identity = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        identity.createContext("/v3/credentials/", exchange -> {
            String id = exchange.getRequestURI().getPath().substring("/v3/credentials/".length());
            requests.add(id + " " + exchange.getRequestHeaders().getFirst("X-Auth-Token"));
            byte[] body;
            int status;
            if (refuseNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                status = 401;
                body = "{}".getBytes(UTF_8);
            }
            else if (id.equals(Ec2CredentialIds.of(ACCESS))) {
                status = 200;
                body = """
                        {"credential": {"id": "%s", "type": "ec2", "user_id": "u1", "project_id": "p1",
                          "blob": "{\\"access\\": \\"%s\\", \\"secret\\": \\"s3cr3t\\", \\"trust_id\\": \\"\\"}"}}
                        """.formatted(id, ACCESS).getBytes(UTF_8);
            }
            else {
                status = 404;
                body = "{\"error\": {\"code\": 404}}".getBytes(UTF_8);
            }
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        identity.start();
    }

    @AfterEach
    void stop() {
        identity.stop(0);
    }

    private IdentitySecretLookup lookup() {
        TokenSource tokens = new TokenSource() {
            @Override
            public String token() {
                return "service-token-" + invalidations.get();
            }

            @Override
            public void invalidate() {
                invalidations.incrementAndGet();
            }
        };
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now;
            }
        };
        return new IdentitySecretLookup(URI.create("http://127.0.0.1:" + identity.getAddress().getPort() + "/v3"),
                tokens, JsonMapper.builder().build(), clock, Duration.ofSeconds(30), Duration.ofSeconds(2));
    }

    @Test
    void findsTheSecretByKeystonesCredentialIdAndCachesIt() {
        IdentitySecretLookup lookup = lookup();

        assertThat(lookup.find(ACCESS)).contains(new AccessKeySecret("s3cr3t", "p1", "u1"));
        assertThat(lookup.find(ACCESS)).isPresent();
        assertThat(requests).containsExactly(Ec2CredentialIds.of(ACCESS) + " service-token-0");

        now = now.plusSeconds(31);
        assertThat(lookup.find(ACCESS)).isPresent();
        assertThat(requests).hasSize(2);
    }

    @Test
    void anUnknownKeyIsEmptyAndRememberedBriefly() {
        IdentitySecretLookup lookup = lookup();

        assertThat(lookup.find("AKIANOSUCHKEY")).isEqualTo(Optional.empty());
        assertThat(lookup.find("AKIANOSUCHKEY")).isEmpty();
        assertThat(requests).hasSize(1);
        now = now.plusSeconds(3);
        assertThat(lookup.find("AKIANOSUCHKEY")).isEmpty();
        assertThat(requests).hasSize(2);
    }

    @Test
    void aRefusedServiceTokenIsRenewedOnce() {
        refuseNext.set(1);

        assertThat(lookup().find(ACCESS)).isPresent();

        assertThat(invalidations).hasValue(1);
        assertThat(requests).extracting(request -> request.split(" ")[1])
                .containsExactly("service-token-0", "service-token-1");
    }
}
