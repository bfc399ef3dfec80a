package org.cityops.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.cityops.CityOpsApplication;
import org.cityops.cases.CaseIntake;
import org.cityops.cases.NewReport;
import org.cityops.catalog.Urgency;
import org.cityops.platform.Actor;
import org.cityops.platform.Role;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.FileSystemUtils;

/**
 * Latency of one hotline-style report through the case entry with duplicate detection on
 * ({@code cityops.intake.duplicates.mode=link}, 50 m, 24 h) while the database holds
 * {@code openCases} open cases of ten subclasses spread over a 20 km × 20 km box: each report
 * searches for an open case of its subclass nearby and either links to it or opens a new case.
 * Sample-time mode gives the latency distribution (p50, p99) of single reports.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class IntakeDuplicateBenchmark {

    static final List<String> SUBCLASSES = List.of("E0101", "E0102", "E0103", "E0201", "E0202", "E0203", "E0301",
            "E0302", "E0303", "E0401");
    static final Actor OPERATOR = new Actor("bench-hotline", Role.CITY_DISPATCHER, null, null);
    // a 20 km square around People's Square, Shanghai
    static final double LON0 = 121.37, LAT0 = 31.14, DLON = 0.21, DLAT = 0.18;

    @Param("100000")
    int openCases;

    ConfigurableApplicationContext context;
    CaseIntake intake;
    Path dataDir;
    final AtomicLong linked = new AtomicLong();
    final AtomicLong reports = new AtomicLong();

    @Setup(Level.Trial)
    public void start() throws IOException {
        dataDir = Files.createTempDirectory("cityops-bench-intake-");
        context = new SpringApplicationBuilder(CityOpsApplication.class).run(
                "--server.port=0", "--cityops.mqtt.port=0", "--cityops.data-dir=" + dataDir, "--logging.level.root=WARN",
                "--cityops.intake.duplicates.mode=link");
        intake = context.getBean(CaseIntake.class);
        JdbcClient jdbc = context.getBean(JdbcClient.class);
        long open;
        do {
            for (int i = 0; i < 10_000; i++) {
                report();
            }
            open = jdbc.sql("SELECT count(*) FROM cases WHERE state = 'REPORTED'").query(Long.class).single();
        } while (open < openCases);
        System.out.printf("%n[intake] seeded %d open cases from %d reports (%d linked as duplicates)%n",
                open, reports.get(), linked.get());
        reports.set(0);
        linked.set(0);
    }

    @TearDown(Level.Trial)
    public void stop() throws IOException {
        JdbcClient jdbc = context.getBean(JdbcClient.class);
        long open = jdbc.sql("SELECT count(*) FROM cases WHERE state = 'REPORTED'").query(Long.class).single();
        System.out.printf("%n[intake] measured %d reports, %d linked as duplicates; %d open cases at the end%n",
                reports.get(), linked.get(), open);
        context.close();
        FileSystemUtils.deleteRecursively(dataDir);
    }

    @Benchmark
    public CaseIntake.ReportedCase report() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        NewReport report = new NewReport("HOTLINE", null, "市民", "13800000000",
                LON0 + random.nextDouble() * DLON, LAT0 + random.nextDouble() * DLAT, null,
                SUBCLASSES.get(random.nextInt(SUBCLASSES.size())), Urgency.NORMAL, "市民来电反映问题", List.of(), false);
        CaseIntake.ReportedCase created = intake.report(report, OPERATOR);
        reports.incrementAndGet();
        if (created.linked()) {
            linked.incrementAndGet();
        }
        return created;
    }
}
