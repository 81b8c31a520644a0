package dev.socketsamples.compare.load;

/**
 * One target at one level of concurrency.
 *
 * @param target          the server measured
 * @param load            what the generator measured
 * @param platformThreads the server's peak live platform threads during the level
 * @param openConnections the server's open connections halfway through the window
 */
record LevelResult(Target target, LoadResult load, int platformThreads, int openConnections) {
}
