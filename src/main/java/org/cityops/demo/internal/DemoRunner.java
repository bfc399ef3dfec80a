package org.cityops.demo.internal;

import java.time.Clock;
import java.time.ZoneId;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.cityops.platform.TokenIssuer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Starts the demo city once the web server answers: seeds it on a thread of its own (the
 * platform serves meanwhile), then runs the simulator every tick until shutdown, when it stops
 * first — before the web server it calls — and waits for the running tick to end.
 */
@Component
@Profile("demo")
class DemoRunner implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DemoRunner.class);

    private final DemoSettings settings;
    private final TokenIssuer issuer;
    private final Clock clock;
    private final Environment environment;
    private volatile ScheduledExecutorService executor;
    private volatile boolean running;

    DemoRunner(DemoSettings settings, TokenIssuer issuer, Clock clock, Environment environment) {
        this.settings = settings;
        this.issuer = issuer;
        this.clock = clock;
        this.environment = environment;
    }

    @EventListener(ApplicationReadyEvent.class)
    void ready() {
        Integer port = environment.getProperty("local.server.port", Integer.class);
        if (port == null || !issuer.embedded()) {
            log.warn("Demo city not started: it needs the web server and embedded login (cityops.security.mode=embedded)");
            return;
        }
        LocalApi api = new LocalApi(port, issuer, clock);
        ScheduledExecutorService e = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "demo-city");
            t.setDaemon(true);
            return t;
        });
        executor = e;
        e.execute(() -> {
            try {
                if (!new DemoSeeder(api, settings).seed() || !settings.simulator().enabled()) {
                    return;
                }
                Simulator simulator = new Simulator(api, settings.simulator(), clock, new SplittableRandom(),
                        new Readings(ZoneId.of("Asia/Shanghai"), new SplittableRandom(), settings.simulator().anomalyProbability()));
                simulator.load();
                long tick = Math.max(1000, settings.simulator().tick().toMillis());
                e.scheduleWithFixedDelay(simulator::tick, 0, tick, TimeUnit.MILLISECONDS);
            } catch (RuntimeException ex) {
                log.error("Demo city could not be seeded: {}", ex.getMessage(), ex);
            }
        });
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        ScheduledExecutorService e = executor;
        if (e != null) {
            e.shutdownNow();
            try {
                if (!e.awaitTermination(10, TimeUnit.SECONDS)) {
                    log.warn("Demo simulator did not stop within 10 s");
                }
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops before the web server (a higher phase stops earlier), since every tick calls it. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }
}
