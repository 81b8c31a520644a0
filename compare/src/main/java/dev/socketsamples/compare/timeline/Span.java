package dev.socketsamples.compare.timeline;

/**
 * One bar of a timeline: what one thread did, for which client, from when to when (microseconds since the first
 * client connected). {@code client} is -1 when the events do not tell whose exchange it was.
 */
public record Span(String lane, Lane laneKind, Kind kind, int client, long startMicros, long endMicros, String source) {

    /** What the thread was doing. */
    public enum Kind { READ, WRITE, WAIT, ALIVE, MARK }

    /** The kind of thread: the lesson turns on telling them apart. */
    public enum Lane { PLATFORM, VIRTUAL, CARRIER }

    public boolean overlaps(Span other) {
        return startMicros < other.endMicros && other.startMicros < endMicros;
    }
}
