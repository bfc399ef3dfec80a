package org.cityops.screen.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.cityops.platform.Actor;
import org.cityops.platform.Role;
import org.junit.jupiter.api.Test;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

class LiveClientTest {

    static final LiveScope ALL = new LiveScope(Set.of(), Set.of());

    final List<LiveClient> closed = new CopyOnWriteArrayList<>();

    LiveClient client(Actor actor, Set<Long> datastreams, int queue) {
        return new LiveClient(actor, datastreams, queue, new SseEmitter(), Duration.ofSeconds(15), closed::add);
    }

    @Test
    void aClientThatFallsBehindItsQueueIsDroppedInsteadOfBuffered() {
        LiveClient c = client(new Actor("a", Role.ADMIN, null, null), Set.of(), 2);
        c.offer(new LiveEvent(1, "case", "{}", ALL, null));
        c.offer(new LiveEvent(2, "case", "{}", ALL, null));
        assertThat(c.closed()).isFalse();
        c.offer(new LiveEvent(3, "case", "{}", ALL, null));
        assertThat(c.closed()).isTrue();
        assertThat(closed).containsExactly(c);
        c.offer(new LiveEvent(4, "case", "{}", ALL, null));
        assertThat(closed).as("closed once").hasSize(1);
    }

    @Test
    void eventsOutsideTheScopeOrSubscriptionDoNotTakeQueueRoom() {
        LiveClient c = client(new Actor("h", Role.DEPARTMENT_HANDLER, null, 7L), Set.of(5L), 1);
        c.offer(new LiveEvent(1, "alert", "{}", new LiveScope(Set.of(), Set.of(8L)), null));
        c.offer(new LiveEvent(2, "observation", "{}", new LiveScope(Set.of(), Set.of(7L)), 6L));
        assertThat(c.closed()).isFalse();
        c.offer(new LiveEvent(3, "observation", "{}", new LiveScope(Set.of(), Set.of(7L)), 5L));
        c.offer(new LiveEvent(4, "alert", "{}", new LiveScope(Set.of(), Set.of(7L)), null));
        assertThat(c.closed()).as("the second visible event overflows a queue of one").isTrue();
    }
}
