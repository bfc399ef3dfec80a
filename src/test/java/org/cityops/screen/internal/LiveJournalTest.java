package org.cityops.screen.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;

import org.junit.jupiter.api.Test;

class LiveJournalTest {

    static final LiveScope ALL = new LiveScope(Set.of(), Set.of());

    @Test
    void idsIncreaseFromTheFirstId() {
        LiveJournal j = new LiveJournal(3, 1000);
        assertThat(j.lastId()).isEqualTo(999);
        assertThat(j.append("case", "{}", ALL, null, true).id()).isEqualTo(1000);
        assertThat(j.append("observation", "{}", ALL, 5L, false).id()).isEqualTo(1001);
        assertThat(j.lastId()).isEqualTo(1001);
    }

    @Test
    void aReconnectingClientGetsExactlyTheKeptEventsAfterItsLastOne() {
        LiveJournal j = new LiveJournal(10, 1);
        j.append("case", "a", ALL, null, true);
        j.append("alert", "b", ALL, null, true);
        j.append("observation", "x", ALL, 3L, false);
        j.append("device", "c", ALL, null, true);

        LiveJournal.Replay r = j.since(1L);
        assertThat(r).isInstanceOf(LiveJournal.Missed.class);
        assertThat(((LiveJournal.Missed) r).events()).extracting(LiveEvent::data).containsExactly("b", "c");
        assertThat(((LiveJournal.Missed) j.since(4L)).events()).isEmpty();
        assertThat(((LiveJournal.Missed) j.since(null)).events()).isEmpty();
    }

    @Test
    void anIdWhoseFollowersFellOutOfTheRingGetsAReset() {
        LiveJournal j = new LiveJournal(2, 1);
        j.append("case", "a", ALL, null, true);
        j.append("case", "b", ALL, null, true);
        j.append("case", "c", ALL, null, true);
        j.append("case", "d", ALL, null, true);

        assertThat(j.since(1L)).as("b is gone").isInstanceOf(LiveJournal.Reset.class);
        assertThat(((LiveJournal.Missed) j.since(2L)).events()).as("only what is still kept was missed")
                .extracting(LiveEvent::data).containsExactly("c", "d");
        assertThat(((LiveJournal.Missed) j.since(3L)).events()).extracting(LiveEvent::data).containsExactly("d");
    }

    @Test
    void anIdOfAnotherRunGetsAReset() {
        LiveJournal j = new LiveJournal(5, 1_000);
        j.append("case", "a", ALL, null, true);
        assertThat(j.since(17L)).isInstanceOf(LiveJournal.Reset.class);
        assertThat(j.since(5_000L)).isInstanceOf(LiveJournal.Reset.class);
        assertThat(((LiveJournal.Missed) j.since(999L)).events()).hasSize(1);
    }

    @Test
    void aRingNeedsRoom() {
        assertThatThrownBy(() -> new LiveJournal(0, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
