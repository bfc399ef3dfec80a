package org.cityops.org.calendar;

import org.cityops.platform.ImportDocuments;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Imports a year's holidays and make-up workdays, and the national default on first start. */
@Service
class CalendarImports {

    private static final Logger log = LoggerFactory.getLogger(CalendarImports.class);

    private final CalendarStore store;
    private final ApplicationEventPublisher events;
    private final ResourceLoader resources;
    private final CalendarSettings settings;
    private final Clock clock;

    CalendarImports(CalendarStore store, ApplicationEventPublisher events, ResourceLoader resources,
                    CalendarSettings settings, Clock clock) {
        this.store = store;
        this.events = events;
        this.resources = resources;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Validates the document and makes it the year's arrangement, replacing the year's earlier
     * entries (kept as an older revision); returns what was stored. A rejected document writes nothing.
     */
    @Transactional
    CalendarYear importYear(int year, CalendarYearDocument document, String importedBy) {
        CalendarYear arrangement = document.validate(year);
        int revision = store.replace(arrangement, clock.instant(), importedBy);
        events.publishEvent(new CalendarYearImported(year, revision));
        return arrangement;
    }

    /** Imports the shipped national arrangement when no year is stored yet (first start). */
    @Transactional
    void importDefaultsWhenEmpty() {
        if (!store.isEmpty()) {
            return;
        }
        Resource resource = resources.getResource(settings.defaultCalendar());
        String text;
        try (InputStream in = resource.getInputStream()) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the default calendar " + settings.defaultCalendar(), e);
        }
        DefaultCalendarFile file = ImportDocuments.read(text, "application/yaml", DefaultCalendarFile.class);
        for (DefaultCalendarFile.Year year : file.years()) {
            importYear(year.year(), year.document(), "system");
            log.info("Loaded the default working calendar for {} from {}; verify it against your city's notice",
                    year.year(), settings.defaultCalendar());
        }
    }
}
