package dev.socketsamples.compare.load;

/**
 * What holding many connections mid-message cost a server.
 *
 * @param target                   the server measured
 * @param requested                connections the generator tried to open
 * @param held                     connections open, half a message sent, at the same time
 * @param errors                   connections that failed to open, or to complete with the right echo
 * @param platformThreads          the server's live platform threads while they were held
 * @param openConnections          the most connections the server itself had open while they were held
 * @param heapBytesPerConnection   (used heap after GC, held) minus (before), divided by {@code held};
 *                                 {@link #NOT_MEASURED} where the server does not hold them itself
 */
record HoldResult(Target target, int requested, int held, long errors, int platformThreads, int openConnections,
                  long heapBytesPerConnection) {

    static final long NOT_MEASURED = -1;
}
