package org.cityops.geo;

/** An administrative division: its code, name, level and parent's code ({@code null} for the city). */
public record Division(String code, String name, DivisionLevel level, String parentCode) {
}
