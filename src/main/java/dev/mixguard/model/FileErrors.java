package dev.mixguard.model;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Says in plain words why a file or folder could not be read, for messages a client may see: never the file's
 * path (an {@link IOException}'s message often is the absolute path) nor the exception's Java type.
 */
public final class FileErrors {

    /** The operating system's own words (e.g. "Is a directory"): letters, digits, spaces, light punctuation. */
    private static final Pattern PLAIN = Pattern.compile("[\\p{L}\\d ,'-]+");
    /** A {@link FileNotFoundException}'s message: the path, then the system's reason in parentheses. */
    private static final Pattern REASON_AFTER_PATH = Pattern.compile(".*\\(([^()]+)\\)");
    private static final String UNKNOWN = "an input/output error";

    private FileErrors() {
    }

    /** Why {@code e} happened, e.g. "permission denied" or "no such file or folder". */
    public static String describe(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or folder";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NotDirectoryException) {
            return "a file where a folder belongs";
        }
        if (e instanceof CharacterCodingException) {
            return "bytes that are not text in the expected encoding";
        }
        if (e instanceof FileSystemException fs) {
            return plain(fs.getReason());
        }
        if (e instanceof FileNotFoundException && e.getMessage() != null) {
            Matcher reason = REASON_AFTER_PATH.matcher(e.getMessage());
            return reason.matches() ? plain(reason.group(1)) : "no such file or folder";
        }
        return plain(e.getMessage());
    }

    private static String plain(String text) {
        if (text == null || !PLAIN.matcher(text).matches()) {
            return UNKNOWN;
        }
        boolean sentence = text.length() > 1 && Character.isUpperCase(text.charAt(0))
                && Character.isLowerCase(text.charAt(1));
        return sentence ? text.substring(0, 1).toLowerCase(Locale.ROOT) + text.substring(1) : text;
    }
}
