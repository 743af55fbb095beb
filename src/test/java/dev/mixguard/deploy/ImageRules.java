package dev.mixguard.deploy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rules for the final stage of an image, the one that runs: a runtime base (no SDK, JDK or build image), a
 * non-root USER set after the last RUN, and an entrypoint that exits on OutOfMemoryError, itself or through
 * run-jvm.sh, so that a wedged heap becomes a restart.
 */
final class ImageRules {

    static final String EXIT_ON_OOM = "-XX:+ExitOnOutOfMemoryError";
    /** The JVM images' entrypoint, which passes {@link #EXIT_ON_OOM} to java. */
    static final String RUN_JVM = "run-jvm.sh";
    private static final Pattern BUILD_IMAGE = Pattern.compile("(?i)devel|-jdk|l4t-jetpack|builder");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{?(\\w+)}?");

    private ImageRules() {
    }

    /** Problems of the last stage of a Dockerfile, given its logical instructions. */
    static List<String> finalStage(String name, List<String> instructions) {
        Map<String, String> args = new HashMap<>();
        int from = -1;
        for (int i = 0; i < instructions.size(); i++) {
            String[] words = instructions.get(i).split("\\s+");
            if (words[0].equalsIgnoreCase("ARG") && words.length > 1 && words[1].contains("=") && from < 0) {
                args.put(words[1].substring(0, words[1].indexOf('=')), words[1].substring(words[1].indexOf('=') + 1));
            } else if (words[0].equalsIgnoreCase("FROM")) {
                from = i;
            }
        }
        List<String> problems = new ArrayList<>();
        if (from < 0) {
            problems.add(name + ": expected a FROM, found none");
            return problems;
        }
        String base = resolve(instructions.get(from).split("\\s+")[1], args);
        if (BUILD_IMAGE.matcher(base).find()) {
            problems.add(name + ": expected the final stage on a runtime image, found the build image " + base);
        }
        List<String> stage = instructions.subList(from, instructions.size());
        user(name, stage, problems);
        String entrypoint = last(stage, "ENTRYPOINT");
        if (!entrypoint.contains(EXIT_ON_OOM) && !entrypoint.contains(RUN_JVM)) {
            problems.add(name + ": expected an ENTRYPOINT with " + EXIT_ON_OOM + " or " + RUN_JVM + ", found "
                    + (entrypoint.isEmpty() ? "none" : entrypoint));
        }
        return problems;
    }

    private static void user(String name, List<String> stage, List<String> problems) {
        int lastRun = -1;
        int lastUser = -1;
        for (int i = 0; i < stage.size(); i++) {
            String keyword = stage.get(i).split("\\s+")[0].toUpperCase();
            lastRun = keyword.equals("RUN") ? i : lastRun;
            lastUser = keyword.equals("USER") ? i : lastUser;
        }
        String user = lastUser < 0 ? "" : stage.get(lastUser).split("\\s+")[1].split(":")[0];
        if (lastUser < lastRun || user.isEmpty() || user.equals("0") || user.equals("root")) {
            problems.add(name + ": expected a non-root USER after the last RUN, found "
                    + (lastUser < 0 ? "none" : stage.get(lastUser) + (lastUser < lastRun ? " before a RUN" : "")));
        }
    }

    private static String last(List<String> stage, String keyword) {
        String found = "";
        for (String instruction : stage) {
            if (instruction.toUpperCase().startsWith(keyword + " ")) {
                found = instruction.substring(keyword.length() + 1);
            }
        }
        return found;
    }

    /** An image reference with the ARG defaults declared before the first FROM filled in. */
    private static String resolve(String image, Map<String, String> args) {
        Matcher m = VARIABLE.matcher(image);
        StringBuilder resolved = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(resolved, Matcher.quoteReplacement(args.getOrDefault(m.group(1), m.group())));
        }
        return m.appendTail(resolved).toString();
    }
}
