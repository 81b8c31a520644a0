package dev.socketsamples.compare.load;

import com.sun.management.OperatingSystemMXBean;

import java.lang.management.ManagementFactory;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;

/** The machine and JDK a run measured, and its date: figures mean nothing without them. */
record MachineInfo(int cores, long memoryBytes, String os, String jdk, LocalDate date) {

    static MachineInfo current() {
        long memory = ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os
                ? os.getTotalMemorySize() : 0;
        return new MachineInfo(Runtime.getRuntime().availableProcessors(), memory,
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"),
                System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version"),
                LocalDate.now(ZoneOffset.UTC));
    }

    /** One line: cores, memory, OS, JDK, date. */
    String describe() {
        return String.format(Locale.ROOT, "%d cores, %.1f GiB, %s, %s, %s", cores,
                memoryBytes / (1024.0 * 1024 * 1024), os, jdk, date);
    }
}
