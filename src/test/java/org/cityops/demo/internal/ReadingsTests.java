package org.cityops.demo.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Optional;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class ReadingsTests {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private static Instant at(int hour) {
        return LocalDateTime.of(2026, 6, 1, hour, 0).atZone(ZONE).toInstant();
    }

    private static double mean(Readings r, DemoCity.SensorType type, int hour) {
        double sum = 0;
        for (int i = 0; i < 200; i++) {
            sum += r.normal(type, 3, at(hour));
        }
        return sum / 200;
    }

    @Test
    void trafficPeaksAtEightAndEighteenAndIsLowAtNight() {
        Readings r = new Readings(ZONE, new SplittableRandom(1), 0);
        double night = mean(r, DemoCity.SensorType.TRAFFIC_COUNTER, 3);
        double morningPeak = mean(r, DemoCity.SensorType.TRAFFIC_COUNTER, 8);
        double noon = mean(r, DemoCity.SensorType.TRAFFIC_COUNTER, 13);
        double eveningPeak = mean(r, DemoCity.SensorType.TRAFFIC_COUNTER, 18);
        assertThat(morningPeak).isGreaterThan(noon * 1.5);
        assertThat(eveningPeak).isGreaterThan(noon * 1.5);
        assertThat(night).isLessThan(noon / 2);
    }

    @Test
    void particulatesAreHigherInTheMorningThanInTheEvening() {
        Readings r = new Readings(ZONE, new SplittableRandom(2), 0);
        assertThat(mean(r, DemoCity.SensorType.AIR_QUALITY, 8)).isGreaterThan(mean(r, DemoCity.SensorType.AIR_QUALITY, 20) + 15);
    }

    @Test
    void waterLevelsRiseWhileItRainsAndDrainAfterwards() {
        Readings r = new Readings(ZONE, new SplittableRandom(3), 0);
        Instant t = at(0);
        r.advanceWeather(t);
        double dry = mean(r, DemoCity.SensorType.WATER_LEVEL, 0);
        double peakWetness = 0;
        for (int minute = 1; minute < 72 * 60 && peakWetness < 3; minute++) {
            r.advanceWeather(t.plus(Duration.ofMinutes(minute)));
            peakWetness = Math.max(peakWetness, r.wetness());
        }
        assertThat(peakWetness).as("some rain fell within three days").isGreaterThanOrEqualTo(3);
        assertThat(r.normal(DemoCity.SensorType.WATER_LEVEL, 3, t)).isGreaterThan(dry + 0.1);
    }

    @Test
    void aSilentSensorGivesNoReadingAndAStuckOneRepeatsItself() {
        Readings r = new Readings(ZONE, new SplittableRandom(4), 1.0);
        Instant t = at(10);
        boolean sawSilent = false;
        boolean sawStuck = false;
        for (long stream = 1; stream <= 60 && !(sawSilent && sawStuck); stream++) {
            Optional<Double> first = r.reading(DemoCity.SensorType.SMOKE_DETECTOR, stream, (int) stream, t);
            Readings.Anomaly anomaly = r.anomaly(stream, t);
            Optional<Double> second = r.reading(DemoCity.SensorType.SMOKE_DETECTOR, stream, (int) stream, t.plusSeconds(60));
            if (anomaly == Readings.Anomaly.SILENT) {
                assertThat(first).isEmpty();
                assertThat(second).isEmpty();
                sawSilent = true;
            } else if (anomaly == Readings.Anomaly.STUCK) {
                assertThat(second).isEqualTo(first);
                sawStuck = true;
            } else {
                assertThat(anomaly).isEqualTo(Readings.Anomaly.SPIKE);
                assertThat(first).hasValueSatisfying(v -> assertThat(v).isGreaterThan(5));
            }
        }
        assertThat(sawSilent).isTrue();
        assertThat(sawStuck).isTrue();
    }

    @Test
    void withoutAnomaliesEveryReadingIsPlausibleForItsType() {
        Readings r = new Readings(ZONE, new SplittableRandom(5), 0);
        for (DemoCity.SensorType type : DemoCity.SensorType.values()) {
            for (int hour = 0; hour < 24; hour++) {
                double v = r.reading(type, type.ordinal(), 7, at(hour)).orElseThrow();
                assertThat(v).as(type + " at " + hour).isBetween(0.0, type == DemoCity.SensorType.BRIDGE_STRAIN ? 400.0 : 300.0);
            }
        }
        assertThat(r.reading(DemoCity.SensorType.MANHOLE_COVER, 1, 1, at(9)).orElseThrow()).isLessThan(5);
    }
}
