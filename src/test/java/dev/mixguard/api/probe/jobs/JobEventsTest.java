package dev.mixguard.api.probe.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Subscribers get the latest event first, then every later one, and every stream ends with "done". */
class JobEventsTest {

    @Test
    void aSubscriberGetsTheLatestEventThenTheRestThenDone() {
        JobEvents events = new JobEvents(event("progress", "a"));
        events.publish(event("progress", "b"));
        AssertSubscriber<JobEvent> early = events.stream().subscribe().withSubscriber(AssertSubscriber.create(10));
        events.publish(event("progress", "c"));
        events.close(event("done", "d"));
        events.publish(event("progress", "ignored after close"));
        early.assertCompleted();
        assertEquals(List.of("b", "c", "d"), sources(early));
    }

    @Test
    void aSubscriberAfterTheEndGetsDoneAndCompletes() {
        JobEvents events = new JobEvents(event("progress", "a"));
        events.close(event("done", "d"));
        AssertSubscriber<JobEvent> late = events.stream().subscribe().withSubscriber(AssertSubscriber.create(10));
        late.assertCompleted();
        assertEquals(List.of("d"), sources(late));
        assertEquals("done", late.getItems().get(0).type());
    }

    private static JobEvent event(String type, String marker) {
        return new JobEvent(type, new ProbeJobView("id", "fake", JobState.RUNNING, marker, null, null, "now", null,
                null, null));
    }

    private static List<String> sources(AssertSubscriber<JobEvent> subscriber) {
        return subscriber.getItems().stream().map(e -> e.job().source()).toList();
    }
}
