package org.cityops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * The embedded database keeps enforcing the schema's CHECK constraints after the connection that
 * ran the migrations is gone, as it is once the pool retires it. H2 2.4.240 evaluated
 * {@code CHECK (x IN (...))} with the creating session and refused every later write with
 * "Check constraint invalid" (h2database#4291): this fails on that version.
 */
class EmbeddedDatabaseChecksTests {

    @Test
    void checkConstraintsStillHoldAfterTheMigratingConnectionClosed() throws SQLException {
        String url = "jdbc:h2:mem:checks-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
        try (Connection keepAlive = DriverManager.getConnection(url)) {
            // one connection of our own keeps the in-memory database; Flyway's own is closed after migrating
            Flyway.configure().dataSource(url, "", "").locations("classpath:db/migration").load().migrate();
            try (Connection c = DriverManager.getConnection(url);
                 PreparedStatement insert = c.prepareStatement(
                         "INSERT INTO divisions (code, name, division_level, boundary, active, updated_at)"
                                 + " VALUES (?, ?, ?, 'POLYGON EMPTY', true, now())")) {
                insert.setString(1, "990001");
                insert.setString(2, "检查市");
                insert.setString(3, "CITY");
                assertThat(insert.executeUpdate()).isEqualTo(1);

                insert.setString(1, "990002");
                insert.setString(3, "PROVINCE");
                assertThatThrownBy(insert::executeUpdate).isInstanceOf(SQLException.class)
                        .hasMessageContaining("violation").hasMessageContaining("ck_divisions_level");
            }
        }
    }
}
