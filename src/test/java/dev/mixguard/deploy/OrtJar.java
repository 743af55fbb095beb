package dev.mixguard.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Reads the ONNX Runtime jar on the test class path, without loading its native library: its entries, the
 * Java classes its JNI libraries name, and which classes load the native library while being initialised.
 */
final class OrtJar implements AutoCloseable {

    static final String NATIVE_PREFIX = "ai/onnxruntime/native/";
    private static final String LOADER = "ai/onnxruntime/OnnxRuntime";
    private static final Pattern CLASS_NAME = Pattern.compile("ai/onnxruntime/[A-Za-z0-9_$/]+");

    private final JarFile jar;

    private OrtJar(JarFile jar) {
        this.jar = jar;
    }

    /** The jar that holds {@code ai.onnxruntime.OrtEnvironment} on the test class path. */
    static OrtJar onClassPath() throws ClassNotFoundException, IOException, URISyntaxException {
        Class<?> anchor = Class.forName("ai.onnxruntime.OrtEnvironment", false, OrtJar.class.getClassLoader());
        return new OrtJar(new JarFile(Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toFile()));
    }

    /** Names of every file (not folder) in the jar under {@code prefix}. */
    List<String> files(String prefix) {
        return jar.stream().filter(e -> !e.isDirectory() && e.getName().startsWith(prefix))
                .map(JarEntry::getName).sorted().toList();
    }

    /** Binary names of the ai.onnxruntime classes that a native library in the jar names, e.g. for FindClass. */
    Set<String> classesNamedBy(String library) throws IOException {
        Set<String> names = new TreeSet<>();
        try (InputStream in = jar.getInputStream(jar.getEntry(library))) {
            StringBuilder run = new StringBuilder();
            for (byte b : in.readAllBytes()) {
                if (b >= 0x20 && b < 0x7f) {
                    run.append((char) b);
                    continue;
                }
                if (CLASS_NAME.matcher(run).matches()) {
                    names.add(run.toString().replace('/', '.'));
                }
                run.setLength(0);
            }
        }
        return names;
    }

    /**
     * Binary names of the classes that must be initialised at run time: the native-library loader itself,
     * every class whose static initialiser calls it, and every subclass of those.
     */
    Set<String> classesLoadingTheNativeLibraryWhenInitialised() throws IOException {
        Map<String, String> superclasses = new HashMap<>();
        Set<String> loading = new TreeSet<>(Set.of(LOADER));
        for (String entry : files("ai/onnxruntime/")) {
            if (entry.endsWith(".class")) {
                try (InputStream in = jar.getInputStream(jar.getEntry(entry))) {
                    new ClassReader(in).accept(new StaticInitScanner(superclasses, loading),
                            ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
                }
            }
        }
        Set<String> closure = new TreeSet<>();
        for (String name : superclasses.keySet()) {
            for (String c = name; c != null; c = superclasses.get(c)) {
                if (loading.contains(c)) {
                    closure.add(name);
                    break;
                }
            }
        }
        closure.addAll(loading);
        List<String> binary = new ArrayList<>();
        closure.forEach(c -> binary.add(c.replace('/', '.')));
        return Collections.unmodifiableSet(new TreeSet<>(binary));
    }

    @Override
    public void close() throws IOException {
        jar.close();
    }

    /** Records each class's superclass, and the classes whose {@code <clinit>} calls the loader. */
    private static final class StaticInitScanner extends ClassVisitor {

        private final Map<String, String> superclasses;
        private final Set<String> loading;
        private String name;

        StaticInitScanner(Map<String, String> superclasses, Set<String> loading) {
            super(Opcodes.ASM9);
            this.superclasses = superclasses;
            this.loading = loading;
        }

        @Override
        public void visit(int version, int access, String name, String signature, String superName,
                String[] interfaces) {
            this.name = name;
            superclasses.put(name, superName);
        }

        @Override
        public MethodVisitor visitMethod(int access, String method, String descriptor, String signature,
                String[] exceptions) {
            if (!method.equals("<clinit>")) {
                return null;
            }
            return new MethodVisitor(Opcodes.ASM9) {
                @Override
                public void visitMethodInsn(int opcode, String owner, String called, String desc, boolean itf) {
                    if (owner.equals(LOADER) && called.equals("init")) {
                        loading.add(name);
                    }
                }
            };
        }
    }
}
