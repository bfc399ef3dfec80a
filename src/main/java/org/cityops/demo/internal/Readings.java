package org.cityops.demo.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Simulated sensor readings with the city's daily rhythm: traffic peaking at 8:00 and 18:00, PM2.5
 * high in the morning and low in the afternoon (washed out by rain), water levels rising after rain
 * and draining slowly, bridge strain following traffic; and, now and then, an anomaly that rules
 * should catch: a spike, a stuck sensor repeating itself, or a sensor falling silent for a while.
 * Plain Java: time and randomness come from the caller.
 */
final class Readings {

    /** What is wrong with a sensor at the moment. */
    enum Anomaly {
        NONE, SPIKE, STUCK, SILENT
    }

    private record State(Anomaly anomaly, Instant until, Double stuckValue) {
    }

    private final ZoneId zone;
    private final RandomGenerator random;
    private final double anomalyProbability;
    private final Map<Long, State> states = new HashMap<>();
    private double rain;
    private double wetness;
    private Instant weatherAt;

    Readings(ZoneId zone, RandomGenerator random, double anomalyProbability) {
        this.zone = zone;
        this.random = random;
        this.anomalyProbability = anomalyProbability;
    }

    /** Returns the current rainfall intensity (mm/h) over the city. */
    double rain() {
        return rain;
    }

    /** Returns how much recent rain is still draining, which raises water levels. */
    double wetness() {
        return wetness;
    }

    /** Returns the anomaly a datastream is in now. */
    Anomaly anomaly(long datastreamId, Instant at) {
        State s = states.get(datastreamId);
        return s == null || !s.until().isAfter(at) ? Anomaly.NONE : s.anomaly();
    }

    /**
     * Advances the weather to {@code at}: a shower starts now and then, lasts about an hour with a
     * wandering intensity, and the water it brought drains over a few hours.
     */
    void advanceWeather(Instant at) {
        if (weatherAt == null) {
            weatherAt = at;
            return;
        }
        double minutes = Math.max(0, Duration.between(weatherAt, at).toMillis() / 60_000d);
        weatherAt = at;
        if (minutes == 0) {
            return;
        }
        if (rain == 0) {
            if (random.nextDouble() < minutes / 240) {
                rain = 2 + random.nextDouble() * 10;
            }
        } else if (random.nextDouble() < minutes / 60) {
            rain = 0;
        } else {
            rain = Math.max(0.5, Math.min(60, rain + random.nextGaussian() * 2 * Math.sqrt(minutes)));
        }
        wetness = Math.max(0, wetness + rain * minutes / 60 - wetness * minutes / 180);
    }

    /**
     * Returns the reading of one sensor's datastream at {@code at}, or empty when the sensor is
     * silent. Each sensor has its own steady offset ({@code sensorIndex}).
     */
    Optional<Double> reading(DemoCity.SensorType type, long datastreamId, int sensorIndex, Instant at) {
        State s = states.get(datastreamId);
        if (s != null && !s.until().isAfter(at)) {
            states.remove(datastreamId);
            s = null;
        }
        if (s == null && random.nextDouble() < anomalyProbability) {
            s = start(type, datastreamId, at);
        }
        double normal = normal(type, sensorIndex, at);
        if (s == null) {
            return Optional.of(round(normal));
        }
        return switch (s.anomaly()) {
            case SILENT -> Optional.empty();
            case STUCK -> Optional.of(s.stuckValue());
            case SPIKE -> Optional.of(round(spike(type, normal)));
            case NONE -> Optional.of(round(normal));
        };
    }

    private State start(DemoCity.SensorType type, long datastreamId, Instant at) {
        double pick = random.nextDouble();
        State s;
        if (pick < 0.5) {
            s = new State(Anomaly.SPIKE, at.plus(Duration.ofMinutes(2 + random.nextInt(8))), null);
        } else if (pick < 0.75) {
            s = new State(Anomaly.STUCK, at.plus(Duration.ofMinutes(30 + random.nextInt(60))),
                    round(normal(type, (int) datastreamId, at)));
        } else {
            s = new State(Anomaly.SILENT, at.plus(Duration.ofMinutes(20 + random.nextInt(40))), null);
        }
        states.put(datastreamId, s);
        return s;
    }

    /** Returns the value a healthy sensor of the type reads at that time. */
    double normal(DemoCity.SensorType type, int sensorIndex, Instant at) {
        ZonedDateTime local = at.atZone(zone);
        double hour = local.getHour() + local.getMinute() / 60d;
        double own = ((sensorIndex * 7919L) % 100) / 100d;
        double noise = random.nextGaussian();
        return switch (type) {
            case TRAFFIC_COUNTER -> Math.max(0, traffic(hour) * (0.6 + 0.8 * own) + noise * 6);
            case AIR_QUALITY -> Math.max(3, (32 + 18 * Math.cos(2 * Math.PI * (hour - 8) / 24)) * (0.8 + 0.4 * own)
                    - 2 * rain + noise * 3);
            case WATER_LEVEL -> Math.max(0.2, 1.0 + own + 0.06 * wetness + noise * 0.01);
            case RAIN_GAUGE -> rain == 0 ? 0 : Math.max(0, rain * (0.7 + 0.6 * own) + noise * 0.3);
            case MANHOLE_COVER -> Math.abs(0.4 + own + noise * 0.15);
            case SMOKE_DETECTOR -> Math.abs(0.02 + 0.02 * own + noise * 0.005);
            case BRIDGE_STRAIN -> 110 + 60 * own + 0.3 * traffic(hour) + 8 * Math.sin(2 * Math.PI * (hour - 9) / 24)
                    + noise * 3;
        };
    }

    /** Returns vehicles per five minutes on a typical road: night lull, 8:00 and 18:00 peaks. */
    static double traffic(double hour) {
        return 15 + 45 * daylight(hour) + 120 * bell(hour, 8, 1.1) + 135 * bell(hour, 18, 1.3);
    }

    private static double daylight(double hour) {
        return hour < 6 || hour > 23 ? 0 : Math.sin(Math.PI * (hour - 6) / 17);
    }

    private static double bell(double x, double mean, double sd) {
        double z = (x - mean) / sd;
        return Math.exp(-z * z / 2);
    }

    private static double spike(DemoCity.SensorType type, double normal) {
        return switch (type) {
            case MANHOLE_COVER -> 25 + normal;
            case SMOKE_DETECTOR -> 9.5;
            case WATER_LEVEL -> normal + 1.6;
            case RAIN_GAUGE -> 85;
            case AIR_QUALITY -> normal * 5;
            case BRIDGE_STRAIN -> normal * 3.2;
            case TRAFFIC_COUNTER -> normal * 3;
        };
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100d;
    }
}
