package io.gpucloud.identity.bootstrap;

import static java.util.Objects.requireNonNull;

import io.gpucloud.identity.token.IssuedTokenRepository;
import java.time.Clock;
import java.time.Duration;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Runs the bootstrap at start-up, and forgets tokens a day after they expired. */
@Component
class BootstrapRunner implements ApplicationRunner {

    private final Bootstrap bootstrap;
    private final IssuedTokenRepository issued;
    private final Clock clock;

    BootstrapRunner(Bootstrap bootstrap, IssuedTokenRepository issued, Clock clock) {
        this.bootstrap = requireNonNull(bootstrap, "bootstrap is null");
        this.issued = requireNonNull(issued, "issued is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public void run(ApplicationArguments args) {
        bootstrap.run();
    }

    @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT1M")
    @Transactional
    public void forgetExpiredTokens() {
        issued.deleteExpiredBefore(clock.instant().minus(Duration.ofDays(1)));
    }
}
