package dev.mixguard.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mixguard.support.Leaks;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Why a file could not be read, in words: never its path, never the exception's type. */
class FileErrorsTest {

    private static final String UPLOAD = Path.of("").toAbsolutePath().resolve("uploads/abc123").toString();

    @Test
    void theCommonFailuresAreNamedInWords() {
        assertEquals("permission denied", described(new AccessDeniedException(UPLOAD)));
        assertEquals("no such file or folder", described(new NoSuchFileException(UPLOAD)));
        assertEquals("a file where a folder belongs", described(new NotDirectoryException(UPLOAD)));
        assertEquals("bytes that are not text in the expected encoding", described(new MalformedInputException(1)));
    }

    @Test
    void theSystemsOwnReasonIsKeptWithoutThePath() {
        assertEquals("too many open files", described(new FileSystemException(UPLOAD, null, "Too many open files")));
        assertEquals("is a directory", described(new FileNotFoundException(UPLOAD + " (Is a directory)")));
        assertEquals("no such file or folder", described(new FileNotFoundException(UPLOAD)));
        assertEquals("stream closed", described(new IOException("Stream closed")));
    }

    @Test
    void aMessageThatIsNotPlainWordsIsNotRepeated() {
        assertEquals("an input/output error", described(new IOException("cannot read " + UPLOAD)));
        assertEquals("an input/output error", described(new IOException(new IllegalStateException("boom"))));
        assertEquals("an input/output error", described(new IOException()));
        assertEquals("an input/output error", described(new FileSystemException(UPLOAD)));
    }

    @Test
    void aRealFailureOfTheFileSystemReadsWell(@TempDir Path dir) {
        IOException missing = assertThrows(IOException.class, () -> Files.readAllBytes(dir.resolve("missing.png")));
        assertEquals("no such file or folder", described(missing));
        IOException folder = assertThrows(IOException.class, () -> Files.readAllBytes(dir));
        assertEquals("is a directory", described(folder));
    }

    private static String described(IOException e) {
        String words = FileErrors.describe(e);
        Leaks.assertNone("the description of " + e, words);
        return words;
    }
}
