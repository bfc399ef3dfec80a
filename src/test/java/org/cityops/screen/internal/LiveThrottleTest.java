package org.cityops.screen.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LiveThrottleTest {

    static final long SECOND = 1_000_000_000L;

    @Test
    void theFirstValueGoesAtOnceAndLaterOnesWaitForTheInterval() {
        LiveThrottle<String> t = new LiveThrottle<>(SECOND);
        assertThat(t.offer(1, "a", 0)).isTrue();
        assertThat(t.offer(1, "b", SECOND / 2)).isFalse();
        assertThat(t.offer(2, "other", SECOND / 2)).as("each key has its own interval").isTrue();
        assertThat(t.due(SECOND / 2 + 1)).isEmpty();
    }

    @Test
    void onlyTheNewestHeldValueIsHandedOutOnceTheIntervalPassed() {
        LiveThrottle<String> t = new LiveThrottle<>(SECOND);
        t.offer(1, "a", 0);
        t.offer(1, "b", SECOND / 4);
        t.offer(1, "c", SECOND / 2);
        assertThat(t.due(SECOND)).containsExactly("c");
        assertThat(t.due(2 * SECOND)).isEmpty();
        assertThat(t.offer(1, "d", SECOND + SECOND / 2)).as("c counted as sent at 1 s").isFalse();
        assertThat(t.offer(1, "e", 2 * SECOND)).isTrue();
        assertThat(t.due(3 * SECOND)).as("e replaced the held d").isEmpty();
    }

    @Test
    void aForgottenKeyStartsAfresh() {
        LiveThrottle<String> t = new LiveThrottle<>(SECOND);
        t.offer(1, "a", 0);
        t.offer(1, "b", 1);
        t.forget(1);
        assertThat(t.due(5 * SECOND)).isEmpty();
        assertThat(t.offer(1, "c", 2)).isTrue();
    }
}
