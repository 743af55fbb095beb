package dev.mixguard.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordingFile;

/**
 * Reads a JFR recording and prints, as Markdown, what a flame graph of it would show: the frames with the most
 * CPU samples on top of the stack (self) and anywhere on it (total), and the sites and classes allocating the
 * most (JFR's weighted allocation samples, less each thread's first, whose weight covers the time before the
 * recording); also writes the CPU samples as collapsed stacks (flamegraph.pl's
 * input) when given a second file.
 *
 * <pre>java -cp target/test-classes dev.mixguard.bench.JfrTop RECORDING.jfr [COLLAPSED.txt] [ROWS]</pre>
 */
public final class JfrTop {

    private static final int DEFAULT_ROWS = 20;

    private final Map<String, Double> cpuSelf = new HashMap<>();
    private final Map<String, Double> cpuTotal = new HashMap<>();
    private final Map<String, Double> collapsed = new HashMap<>();
    private final Map<String, Double> allocSite = new HashMap<>();
    private final Map<String, Double> allocClass = new HashMap<>();
    private final Map<String, Double> threads = new HashMap<>();
    private final Map<String, Double> nativeTop = new HashMap<>();
    /** Threads that had an allocation sample: the first one's weight counts from before the recording began. */
    private final Set<Long> sampledThreads = new HashSet<>();
    private double cpuSamples;
    private double nativeSamples;
    private double allocBytes;

    private JfrTop() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 3) {
            throw new IllegalArgumentException("expected RECORDING.jfr [COLLAPSED.txt] [ROWS], found "
                    + args.length + " arguments");
        }
        JfrTop top = new JfrTop();
        List<RecordedEvent> events = new ArrayList<>(RecordingFile.readAllEvents(Path.of(args[0])));
        events.sort(Comparator.comparing(RecordedEvent::getStartTime));
        events.forEach(top::add);
        int rows = args.length == 3 ? Integer.parseInt(args[2]) : DEFAULT_ROWS;
        try (PrintWriter out = new PrintWriter(System.out)) {
            top.print(out, rows);
        }
        if (args.length >= 2) {
            top.writeCollapsed(Path.of(args[1]));
        }
    }

    private void add(RecordedEvent event) {
        String type = event.getEventType().getName();
        if (event.getStackTrace() == null) {
            return;
        }
        List<RecordedFrame> frames = event.getStackTrace().getFrames();
        if (type.equals("jdk.ExecutionSample")) {
            cpuSamples++;
            threads.merge(event.getThread("sampledThread").getJavaName().replaceAll("-\\d+$", "-N"), 1.0,
                    Double::sum);
            cpuSelf.merge(name(frames.get(0)), 1.0, Double::sum);
            Set<String> seen = new HashSet<>();
            StringBuilder stack = new StringBuilder();
            for (int i = frames.size() - 1; i >= 0; i--) {
                String name = name(frames.get(i));
                if (seen.add(name)) {
                    cpuTotal.merge(name, 1.0, Double::sum);
                }
                stack.append(stack.length() == 0 ? "" : ";").append(name);
            }
            collapsed.merge(stack.toString(), 1.0, Double::sum);
        } else if (type.equals("jdk.NativeMethodSample") && !frames.isEmpty()) {
            nativeSamples++;
            nativeTop.merge(name(frames.get(0)), 1.0, Double::sum);
        } else if (type.equals("jdk.ObjectAllocationSample") && sampledThreads.add(event.getThread().getId())) {
            return;
        } else if (type.equals("jdk.ObjectAllocationSample")) {
            double weight = event.getLong("weight");
            allocBytes += weight;
            allocSite.merge(frames.isEmpty() ? "?" : name(frames.get(0)), weight, Double::sum);
            allocClass.merge(event.getClass("objectClass").getName(), weight, Double::sum);
        }
    }

    private static String name(RecordedFrame frame) {
        RecordedMethod method = frame.getMethod();
        String type = method.getType().getName();
        return type.substring(type.lastIndexOf('.') + 1) + "." + method.getName();
    }

    private void print(PrintWriter out, int rows) {
        out.printf("%.0f CPU samples (Java code; threads in native code are not sampled here)%n%n", cpuSamples);
        table(out, "thread (numbered threads merged)", threads, cpuSamples, rows);
        table(out, "CPU, self (top of stack)", cpuSelf, cpuSamples, rows);
        table(out, "CPU, total (anywhere on the stack)", cpuTotal, cpuSamples, rows);
        out.printf("%.0f samples of threads in native code (running or blocked there)%n%n", nativeSamples);
        table(out, "native method", nativeTop, nativeSamples, rows);
        out.printf("%.0f MB allocated, as JFR's allocation samples weigh it%n%n", allocBytes / 1e6);
        table(out, "allocation site (top frame)", allocSite, allocBytes, rows);
        table(out, "allocated class", allocClass, allocBytes, rows);
    }

    private static void table(PrintWriter out, String what, Map<String, Double> counts, double all, int rows) {
        out.printf("| %s | share |%n|---|---|%n", what);
        counts.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(rows)
                .forEach(e -> out.printf("| `%s` | %.1f%% |%n", e.getKey(), 100 * e.getValue() / all));
        out.println();
    }

    private void writeCollapsed(Path file) throws IOException {
        StringBuilder text = new StringBuilder();
        collapsed.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> text.append(e.getKey()).append(' ').append(e.getValue().longValue()).append('\n'));
        Files.writeString(file, text);
    }
}
