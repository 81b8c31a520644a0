package dev.socketsamples.compare.load;

/**
 * What a server JVM reports about itself on request.
 *
 * @param platformThreads     live platform threads (ThreadMXBean): the JVM's own, the server's, carriers
 * @param peakPlatformThreads the most live platform threads since the last reset
 * @param openConnections     the server's own count; on the virtual-thread server each is one virtual thread,
 *                            which ThreadMXBean does not count
 */
record ServerStats(int platformThreads, int peakPlatformThreads, int openConnections) {

    static final String PREFIX = "stats";

    String toLine() {
        return PREFIX + " " + platformThreads + " " + peakPlatformThreads + " " + openConnections;
    }

    static ServerStats parse(String line) {
        String[] parts = line == null ? new String[0] : line.trim().split(" ");
        if (parts.length != 4 || !parts[0].equals(PREFIX)) {
            throw new IllegalArgumentException("not a stats line: " + line);
        }
        return new ServerStats(Integer.parseInt(parts[1]), Integer.parseInt(parts[2]), Integer.parseInt(parts[3]));
    }
}
